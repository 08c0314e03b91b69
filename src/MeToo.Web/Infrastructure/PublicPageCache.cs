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
        ["setting", "experience", "country", "language", "year", "sort", "page", "after", "before", "by", "report"];

    /// <summary>
    /// The pages a reader lands on after their own tap, without JavaScript (<c>?supported=1</c>,
    /// <c>?metoo=1</c>): never cached, so the count they see includes their tap (decision 0024).
    /// </summary>
    public static readonly string[] AfterOwnTap = ["supported", "metoo"];

    /// <summary>The tag of one story's cached pages, evicted when its support count moves.</summary>
    public static string StoryTag(string publicId) => "story:" + publicId;

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
                    && !AfterOwnTap.Any(context.HttpContext.Request.Query.ContainsKey)
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
    public ValueTask EvictAsync(CancellationToken cancellationToken = default) => EvictTagAsync(PublicPageCache.StoriesTag, cancellationToken);

    /// <summary>
    /// Evicts one story's own page, everywhere, when its support count has moved: the reader who
    /// tapped never sees a count lower than the one their tap produced (decision 0024).
    /// </summary>
    public ValueTask EvictStoryAsync(string publicId, CancellationToken cancellationToken = default) =>
        EvictTagAsync(PublicPageCache.StoryTag(publicId), cancellationToken);

    private async ValueTask EvictTagAsync(string tag, CancellationToken cancellationToken)
    {
        await store.EvictByTagAsync(tag, cancellationToken);
        if (services.GetService<PostgresCacheEviction>() is { } others)
        {
            await others.TellOthersAsync(tag, cancellationToken);
        }
    }
}
