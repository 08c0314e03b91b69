using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// Brotli and gzip for the public, cookie-free pages and the static files only — never for a
/// response that carries an anti-forgery token or a receipt (author and staff pages), where
/// compression would let an attacker who can inject text guess a secret from the size (BREACH).
/// Public pages are compressed inside the output cache, so a cached page is compressed once; the
/// cache varies on the encoding negotiated here, because it does not by itself
/// (dotnet/aspnetcore#45998) — a client asking for none must never get Brotli bytes from a warm cache.
/// </summary>
public static class Compression
{
    public const string Identity = "identity";

    public static IServiceCollection AddCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true; // safe: only responses without secrets reach the middleware
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "image/svg+xml", "application/atom+xml"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        return services;
    }

    /// <summary>A static file (no endpoint matched), asked for with GET or HEAD.</summary>
    public static bool IsStaticFile(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetEndpoint() is null && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method));
    }

    /// <summary>A public page: read with GET or HEAD, neither an author's page nor a staff page.</summary>
    public static bool IsPublicPage(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.GetEndpoint();
        return endpoint is not null
            && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && endpoint.Metadata.GetMetadata<AuthorPageMetadata>() is null
            && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is null;
    }

    /// <summary>
    /// The encoding the compression middleware will choose for this request — the highest
    /// quality among br and gzip, br first when equal — or identity. The output cache varies on it.
    /// </summary>
    public static string Negotiated(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!StringWithQualityHeaderValue.TryParseList(context.Request.Headers.AcceptEncoding, out var offered) || offered.Count == 0)
        {
            return Identity;
        }

        // A loop, not LINQ: this runs for every cached hit (the cache's key), and the iterators were
        // an eighth of what a hit allocated (docs/performance.md).
        double br = -1, gzip = -1, any = -1; // -1: not offered
        foreach (var encoding in offered)
        {
            var quality = encoding.Quality ?? 1;
            if (br < 0 && string.Equals(encoding.Value.Value, "br", StringComparison.OrdinalIgnoreCase))
            {
                br = quality;
            }
            else if (gzip < 0 && string.Equals(encoding.Value.Value, "gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = quality;
            }
            else if (any < 0 && encoding.Value.Value == "*")
            {
                any = quality;
            }
        }

        any = Math.Max(any, 0);
        (br, gzip) = (br < 0 ? any : br, gzip < 0 ? any : gzip);
        return br <= 0 && gzip <= 0 ? Identity : br >= gzip ? "br" : "gzip";
    }
}
