using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// One log line per request with the method, the route template, the status and the time — never
/// the raw path, query string, address or user agent (privacy rule 6). Author pages — every
/// endpoint carrying <see cref="AuthorPageMetadata"/> — are not request-logged at all, so no line
/// pins the minute someone shared or withdrew a story (rule 2).
/// </summary>
public sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // A re-executed error page belongs to the request already logged (or deliberately not logged).
        if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.Response.StatusCode;
            var level = status >= 500 ? LogLevel.Error : LogLevel.Information;
            if (logger.IsEnabled(level))
            {
                var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                var route = template is null ? "(no route)" : "/" + LowerOutsideParameters(template.TrimStart('/'));
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                logger.Log(level, "HTTP {Method:l} {Route:l} responded {StatusCode} in {Elapsed:0.0} ms", context.Request.Method, route, status, elapsed);
            }
        }
    }

    /// <summary>Razor Pages templates follow folder names ("Stories"); URLs are lower case.</summary>
    private static string LowerOutsideParameters(string template)
    {
        var chars = template.ToCharArray();
        var depth = 0;
        for (var i = 0; i < chars.Length; i++)
        {
            depth += chars[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                chars[i] = char.ToLowerInvariant(chars[i]);
            }
        }

        return new string(chars);
    }
}
