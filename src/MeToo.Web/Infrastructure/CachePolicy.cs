using Microsoft.AspNetCore.StaticFiles;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// HTML revalidates every time (<c>no-cache</c>); author pages, which carry drafts and receipts,
/// are never stored (<c>no-store</c>, DESIGN.md rule 12); only fingerprinted static files live long.
/// </summary>
public sealed class CachePolicy(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (RequestLogging.IsAuthorPage(context.Request.Path))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            else if (string.IsNullOrEmpty(headers.CacheControl)
                && context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                headers.CacheControl = "no-cache";
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    public static void ForStaticFile(StaticFileResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Context.Response.Headers;
        headers.CacheControl = context.Context.Request.Query.ContainsKey("v")
            ? "public, max-age=31536000, immutable"
            : "no-cache";
    }
}
