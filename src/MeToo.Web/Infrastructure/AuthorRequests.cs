using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Diagnostics;
using Serilog.Events;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// No event raised by an author's request — or by work that request starts — reaches any log sink,
/// at any level, from any logger (privacy rule 2: a log line's time would pin the minute someone
/// previewed, shared, edited or withdrew a story). An author's request is one whose endpoint carries
/// <see cref="AuthorPageMetadata"/>, whatever its language, casing or encoding.
/// </summary>
/// <remarks>
/// Each request gets a mark at the door, before the exception handler, held in an async-local so
/// that everything the request runs — its handlers, EF Core, the exception handler's own "unhandled
/// exception" line, a task it starts — carries the same mark; routing sets it once the endpoint is
/// known. The log pipeline drops every event made under a set mark (<see cref="IsSilenced"/>).
/// So that an operator still learns that something failed, a failed author request is counted — a
/// metric, and one line a day that says how many failed that day, with neither time nor path
/// (<see cref="AuthorRequestFailures"/>). Start-up, background jobs and other requests log as before.
/// </remarks>
public static class AuthorRequests
{
    private static readonly AsyncLocal<Mark?> Current = new();

    /// <summary>
    /// Set on every response routed to an endpoint that is not an author's, so that a reverse proxy may log it; a proxy logs
    /// only responses that carry it (and hides it from the client). Its own answers — a 413 for an
    /// oversized body, a 502 while an instance is down, a 499 — never carry it, so they are never
    /// logged either (docs/operations.md, "An access log that cannot place an author").
    /// </summary>
    public const string LoggableHeader = "X-MeToo-Loggable";

    /// <summary>Whether the code running now is part of an author's request.</summary>
    public static bool InProgress => Current.Value?.IsAuthor == true;

    /// <summary>The log pipeline's filter: true for an event made during an author's request.</summary>
    public static bool IsSilenced(LogEvent logEvent) => InProgress;

    /// <summary>Gives every request its mark; first in the pipeline, so the exception handler is inside it.</summary>
    public static WebApplication UseAuthorRequestMark(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            var mark = new Mark();
            Current.Value = mark;
            context.Response.OnStarting(() =>
            {
                // Only once routing has said what the request is: an answer made before (the start-up's
                // 503, a malformed request) could be an author's, and is not marked.
                if (!mark.IsAuthor && context.GetEndpoint() is not null)
                {
                    context.Response.Headers[LoggableHeader] = "1";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
        return app;
    }

    /// <summary>
    /// Sets the mark once routing has chosen an author page's endpoint, and counts the request as
    /// failed when it throws or answers 5xx (a re-executed error page is the same request).
    /// </summary>
    public static WebApplication UseAuthorRequestSilence(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var failures = app.Services.GetRequiredService<AuthorRequestFailures>();
        app.Use(async (context, next) =>
        {
            if (!AuthorPageMetadata.IsAuthorPage(context) || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                await next(context);
                return;
            }

            var mark = Current.Value ??= new Mark();
            mark.IsAuthor = true;
            try
            {
                await next(context);
            }
            catch
            {
                failures.Count();
                throw;
            }

            if (context.Response.StatusCode >= StatusCodes.Status500InternalServerError)
            {
                failures.Count();
            }
        });
        return app;
    }

    private sealed class Mark
    {
        private volatile bool _isAuthor;

        public bool IsAuthor
        {
            get => _isAuthor;
            set => _isAuthor = value;
        }
    }
}

/// <summary>
/// How many author requests failed: the metric <c>metoo.author_requests.failed</c>, and once a day
/// (UTC) one log line with the day's number — the day only, as an author's own actions are kept.
/// </summary>
public sealed class AuthorRequestFailures : BackgroundService
{
    public const string MeterName = "MeToo.AuthorRequests";

    private readonly Counter<long> _counter;
    private readonly TimeProvider _time;
    private readonly ILogger<AuthorRequestFailures> _logger;
    private long _sinceLastReport;

    public AuthorRequestFailures(IMeterFactory meters, TimeProvider time, ILogger<AuthorRequestFailures> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _counter = meters.Create(MeterName).CreateCounter<long>("metoo.author_requests.failed", description: "Author requests that threw or answered 5xx; they are never logged one by one.");
        _time = time;
        _logger = logger;
    }

    /// <summary>Failures counted since the last daily line.</summary>
    public long Pending => Interlocked.Read(ref _sinceLastReport);

    public void Count()
    {
        Interlocked.Increment(ref _sinceLastReport);
        _counter.Add(1);
    }

    /// <summary>Writes the day's line if any failed (outside any request, so it is not silenced).</summary>
    public void Report(DateOnly day)
    {
        var failed = Interlocked.Exchange(ref _sinceLastReport, 0);
        if (failed > 0)
        {
            _logger.LogWarning("Author requests that failed on {Day:yyyy-MM-dd} (UTC): {Failed}. They are not logged one by one (docs/privacy.md, rule 2).", day, failed);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = _time.GetUtcNow();
                var day = DateOnly.FromDateTime(now.UtcDateTime);
                var nextDay = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                await Task.Delay(nextDay - now, _time, stoppingToken);
                Report(day);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping; what is still counted is in the metric
        }
    }
}
