using MeToo.Tests.Harness;
using MeToo.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeToo.Tests.PrivacyRules;

/// <summary>
/// Privacy rule 2, structurally: no event raised by an author's request — or by work it starts —
/// reaches a log, at any level, from any logger, in any language, casing or encoding of its path;
/// an exception there is counted, not logged; other requests log as before.
/// </summary>
public sealed class AuthorRequestSilenceTests : IDisposable
{
    private const string Noise = "noise from a page handler";
    private readonly NoisyApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/share")]
    [InlineData("/es/share")]
    [InlineData("/fr/my-story")]
    [InlineData("/Share")]
    [InlineData("/%73hare")]
    [InlineData("/ES/My-Story")]
    public async Task WhatAnAuthorPageRaises_AtEveryLevel_FromAnyLogger_OrFromWorkItStarts_ReachesNoLog(string path)
    {
        var client = _app.CreateClient();
        await client.GetAsync("/"); // first-use messages are not the author's
        _app.Logs.Clear();

        var response = await Send(client, path, NoisyFilter.NoiseHeader);
        await client.GetAsync("/about"); // a reader's page closes the window
        var events = await Eventually.WaitForAsync(() => _app.Logs.Events.ToList(), e => e.Any(x => x.RenderMessage(null).Contains("GET /about", StringComparison.Ordinal)));

        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode}");
        Assert.True(events.Count == 1, $"{path} logged: " + string.Join(" / ", events.Select(e => $"[{e.Level}] {e.RenderMessage(null)}")));
    }

    [Fact]
    public async Task TheSameNoise_FromAReadersPage_IsLogged()
    {
        var client = _app.CreateClient();

        await Send(client, "/stories", NoisyFilter.NoiseHeader);
        var events = await Eventually.WaitForAsync(() => _app.Logs.Events.ToList(), e => e.Count(x => x.RenderMessage(null).Contains(Noise, StringComparison.Ordinal)) >= 4);

        // Information, Warning, Error and Critical from the page, its framework-named logger and the work it started.
        Assert.Contains(events, e => e.Level == Serilog.Events.LogEventLevel.Fatal && e.RenderMessage(null).Contains(Noise, StringComparison.Ordinal));
        Assert.Contains(events, e => e.RenderMessage(null).Contains(Noise + " (started work)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/share")]
    [InlineData("/fr/share")]
    public async Task AnAuthorPageThatFails_IsCounted_NotLogged_AndTheDaysLineSaysHowMany_WithoutTimeOrPath(string path)
    {
        var client = _app.CreateClient();
        await client.GetAsync("/");
        var failures = _app.Services.GetRequiredService<AuthorRequestFailures>();
        var before = failures.Pending;
        _app.Logs.Clear();

        var response = await Send(client, path, NoisyFilter.ThrowHeader);
        await client.GetAsync("/about");
        var events = await Eventually.WaitForAsync(() => _app.Logs.Events.ToList(), e => e.Any(x => x.RenderMessage(null).Contains("GET /about", StringComparison.Ordinal)));

        Assert.Equal(500, (int)response.StatusCode);
        Assert.True(events.Count == 1, $"{path} logged: " + string.Join(" / ", events.Select(e => $"[{e.Level}] {e.RenderMessage(null)}")));
        Assert.Equal(before + 1, failures.Pending);

        _app.Logs.Clear();
        failures.Report(new DateOnly(2026, 3, 14));
        var line = Assert.Single(_app.Logs.RenderedEvents());
        Assert.Contains("2026-03-14", line, StringComparison.Ordinal);
        Assert.Contains($": {before + 1}.", line, StringComparison.Ordinal);
        Assert.DoesNotContain("share", line, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("13:37", line, StringComparison.Ordinal);
        Assert.Equal(0, failures.Pending);
    }

    /// <summary>What a reverse proxy may log: every routed answer that is not an author's carries the marker; none of an author's does.</summary>
    [Fact]
    public async Task OnlyResponsesThatAreNotAnAuthors_CarryTheMarkerAProxyLogsBy()
    {
        var client = _app.CreateClient();
        foreach (var path in new[] { "/share", "/es/share", "/fr/my-story", "/Share", "/%73hare", "/ES/My-Story", "/my-story?handler=Open" })
        {
            var get = await client.GetAsync(path);
            var post = await client.PostAsync(path, new FormUrlEncodedContent([new("ReceiptCode", "x")]));
            Assert.False(get.Headers.Contains(AuthorRequests.LoggableHeader), $"GET {path} was marked loggable");
            Assert.False(post.Headers.Contains(AuthorRequests.LoggableHeader), $"POST {path} ({(int)post.StatusCode}) was marked loggable");
        }

        foreach (var path in new[] { "/", "/stories", "/es/help", "/no-such-page" })
        {
            Assert.True((await client.GetAsync(path)).Headers.Contains(AuthorRequests.LoggableHeader), $"GET {path} was not marked loggable");
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string path, string header)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(header, "1");
        return client.SendAsync(request);
    }

    /// <summary>The app with a page filter that, asked by a header, logs at every level or throws.</summary>
    private sealed class NoisyApp : MeTooFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Serilog:MinimumLevel:Default", "Verbose");
            builder.ConfigureTestServices(services => services.Configure<MvcOptions>(options => options.Filters.Add(new NoisyFilter())));
        }
    }

    private sealed class NoisyFilter : IAsyncPageFilter
    {
        public const string NoiseHeader = "X-Test-Noise";
        public const string ThrowHeader = "X-Test-Throw";

        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var request = context.HttpContext.Request;
            if (request.Headers.ContainsKey(ThrowHeader) && AuthorPageMetadata.IsAuthorPage(context.HttpContext))
            {
                throw new InvalidOperationException("a fault in an author's request");
            }

            if (request.Headers.ContainsKey(NoiseHeader))
            {
                var loggers = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>();
                foreach (var category in new[] { "MeToo.Web.Pages", "Microsoft.EntityFrameworkCore.Query" })
                {
                    var logger = loggers.CreateLogger(category);
                    foreach (var level in new[] { LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical })
                    {
#pragma warning disable CA1848, CA2254 // a test's own noise: one message at every level
                        logger.Log(level, Noise);
                    }
                }

                await Task.Run(() => loggers.CreateLogger("MeToo.Web.Work").LogWarning(Noise + " (started work)"));
#pragma warning restore CA1848, CA2254
            }

            await next();
        }
    }
}
