using Microsoft.AspNetCore.OutputCaching;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// Output caching of the public pages for anonymous readers (never for signed-in staff: the default
/// policy refuses authenticated requests, requests with cookies set in the response, and non-GETs).
/// Entries vary only on the known filter values — never on free text such as <c>q</c>, which is not
/// cached — live a minute by default (so counts lag at most that), fit a size limit, and carry the
/// <see cref="PublicPageCache.StoriesTag"/> so publishing, withdrawing, redacting and removing evict them at once.
/// </summary>
public sealed class PublicPageCacheOptions
{
    public const string Section = "Caching:PublicPages";

    /// <summary>Off only to measure the uncached pages (the performance harness); on everywhere else.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a cached page is served before it is rendered again.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(1);
}

public static class PublicPageCache
{
    public const string Policy = "public-pages";
    public const string StoriesTag = "stories";

    public static readonly string[] VaryByQuery =
        ["setting", "experience", "country", "language", "year", "sort", "page", "after", "before", "by", "report", "supported", "metoo"];

    public static IServiceCollection AddPublicPageCache(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(PublicPageCacheOptions.Section).Get<PublicPageCacheOptions>() ?? new PublicPageCacheOptions();
        services.Configure<PublicPageCacheOptions>(configuration.GetSection(PublicPageCacheOptions.Section));
        return services.AddOutputCache(options =>
        {
            options.SizeLimit = 64 * 1024 * 1024;
            options.MaximumBodySize = 1024 * 1024;
            options.AddPolicy(Policy, policy => policy
                .With(context => settings.Enabled
                    && !context.HttpContext.Request.Query.ContainsKey("q")
                    && context.HttpContext.RequestServices.GetRequiredService<PublicPageCacheGate>().IsOpen)
                .SetVaryByQuery(VaryByQuery)
                .VaryByValue(context => new KeyValuePair<string, string>("encoding", Compression.Negotiated(context)))
                .Expire(settings.Lifetime)
                .Tag(StoriesTag));
        });
    }
}

/// <summary>
/// Whether this instance may cache public pages now: always on one machine; with several instances
/// only while it hears the others' evictions (<see cref="PostgresCacheEviction"/>), so a story
/// withdrawn elsewhere is never served from this instance's cache after a missed message.
/// </summary>
public sealed class PublicPageCacheGate
{
    private volatile bool _open;

    public PublicPageCacheGate(bool open) => _open = open;

    public bool IsOpen => _open;

    public void Open() => _open = true;

    public void Close() => _open = false;
}

/// <summary>
/// Evicts every cached public page that may show a story: on this instance, and on PostgreSQL on
/// every other (a <c>NOTIFY</c> that each instance's <see cref="PostgresCacheEviction"/> hears).
/// Called after the change is committed.
/// </summary>
public sealed class StoryPageEviction(IOutputCacheStore store, IServiceProvider services)
{
    public async ValueTask EvictAsync(CancellationToken cancellationToken = default)
    {
        await store.EvictByTagAsync(PublicPageCache.StoriesTag, cancellationToken);
        if (services.GetService<PostgresCacheEviction>() is { } others)
        {
            await others.TellOthersAsync(PublicPageCache.StoriesTag, cancellationToken);
        }
    }
}
