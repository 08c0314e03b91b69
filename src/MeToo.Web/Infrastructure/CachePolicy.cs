using Microsoft.AspNetCore.StaticFiles;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// HTML revalidates every time (<c>no-cache</c>); author pages, which carry drafts and receipts, and
/// staff pages, which list pending stories, are never stored (<c>no-store</c>, privacy rule 12);
/// only fingerprinted static files live long. And every response but the few pages meant to be
/// found (<see cref="IndexablePageMetadata"/>) carries <c>X-Robots-Tag: noindex, noarchive</c>: a
/// search engine keeps no copy of a story that a withdrawal could not reach (privacy rule 10).
/// </summary>
public sealed class CachePolicy(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (context.GetEndpoint()?.Metadata.GetMetadata<IndexablePageMetadata>() is null || context.Response.StatusCode >= 400)
            {
                headers["X-Robots-Tag"] = IndexablePageMetadata.NotIndexed;
            }

            if (AuthorPageMetadata.IsAuthorPage(context) || IsStaffPage(context))
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

    /// <summary>Staff pages list pending titles and reports: they are never stored either.</summary>
    private static bool IsStaffPage(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is not null;

    public static void ForStaticFile(StaticFileResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Context.Response.Headers;
        headers.CacheControl = context.Context.Request.Query.ContainsKey("v")
            ? "public, max-age=31536000, immutable"
            : "no-cache";
    }
}

/// <summary>
/// Endpoint metadata on the pages survivors must be able to find from a search engine — home,
/// help lines, safety, guidelines, privacy, about, the numbers — none of which shows story text.
/// Every other response is <c>noindex, noarchive</c>.
/// </summary>
public sealed class IndexablePageMetadata
{
    public const string NotIndexed = "noindex, noarchive";

    public static readonly string[] Pages = ["/Index", "/Help", "/Safety", "/Guidelines", "/Privacy", "/About", "/Stats"];

    public static IndexablePageMetadata Instance { get; } = new();
}
