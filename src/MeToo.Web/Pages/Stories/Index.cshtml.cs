using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Infrastructure;
using MeToo.Web.Reading;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeToo.Web.Pages.Stories;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublicPageCache.Policy)]
public sealed class IndexModel(AppDbContext db, Taxonomy taxonomy, Countries countries, StoryLanguages languages, SearchThreads searchThreads) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Setting { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Experience { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    /// <summary>The language stories are written in (a code of <see cref="StoryLanguages"/>), not the page's.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    /// <summary>Words to search for; never cached, never logged (request logs name the route only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>"newest" (the default, paged by keyset) or "relevant" (bm25, with words only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>
    /// The page of "most relevant" results, read from the query string in <see cref="OnGetAsync"/>:
    /// bound as a property it would also meet the route value <c>page</c> (the Razor page's own
    /// name), fail to convert it and throw on every request.
    /// </summary>
    public int PageNumber { get; private set; } = 1;

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public StoryFilter Filter { get; private set; } = StoryFilter.None;

    public StoryPage Results { get; private set; } = new([], null, null);

    /// <summary>The reader typed something with no letters or digits to look for.</summary>
    public bool NothingToSearch { get; private set; }

    public bool ByRelevance { get; private set; }

    /// <summary>"Most supported", by the periodically recomputed rank.</summary>
    public bool BySupport { get; private set; }

    public bool HasMoreRelevant { get; private set; }

    /// <summary>"Most supported" was asked with words: the ranking does not combine with a search, so the matches come newest first.</summary>
    public bool SupportIgnored { get; private set; }

    /// <summary>The search was held back (too many from this connection, or from everyone at once): the words stay in the form.</summary>
    public bool SearchBusy { get; private set; }

    public IReadOnlyDictionary<string, string> Snippets => Results.Snippets;

    public Taxonomy Taxonomy => taxonomy;

    public Countries Countries => countries;

    public StoryLanguages Languages => languages;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = new StoryFilter(
            taxonomy.IsKnown(TaxonomyKind.Setting, Setting) ? Setting : null,
            taxonomy.IsKnown(TaxonomyKind.Experience, Experience) ? Experience : null,
            countries.IsKnown(Country) ? Country : null,
            int.TryParse(Year, out var year) && year is >= 1900 and <= 2200 ? year : null,
            StorySearch.ToMatch(Q),
            languages.IsKnown(Language) ? Language : null);
        NothingToSearch = !string.IsNullOrWhiteSpace(Q) && Filter.Match is null;
        ByRelevance = Filter.Match is not null && Sort == "relevant";
        BySupport = Sort == "supported" && Filter.Match is null;
        SupportIgnored = Sort == "supported" && Filter.Match is not null;
        PageNumber = int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var page)
            ? Math.Clamp(page, 1, StorySearch.RelevanceWindow / PublishedStories.PageSize)
            : 1;

        // Only a search with words is limited (browsing is a cached keyset read): its door has decided.
        // Without a decision (a path the door does not know), it is refused rather than run unlimited.
        if (Filter.Match is not null && HttpContext.Features.Get<SearchAdmission.Decision>() is var decision && decision?.Answer.Allowed != true)
        {
            Refuse(decision?.Answer.RetryAfter ?? SearchLimiter.BusyRetryAfter);
            return;
        }

        if (ByRelevance)
        {
            (Results, HasMoreRelevant) = await searchThreads.RunAsync(() => StorySearch.RelevantAsync(db, Filter, PageNumber, cancellationToken), cancellationToken);
        }
        else if (BySupport)
        {
            Results = await PublishedStories.MostSupportedAsync(db, Filter, After, cancellationToken);
        }
        else if (Filter.Match is not null)
        {
            // A search's queries run on the search threads, below every other page's priority.
            Results = await searchThreads.RunAsync(() => PublishedStories.PageAsync(db, Filter, After, Before, cancellationToken), cancellationToken);
        }
        else
        {
            Results = await PublishedStories.PageAsync(db, Filter, After, Before, cancellationToken);
        }
    }

    private void Refuse(TimeSpan retryAfter)
    {
        SearchBusy = true;
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The query string for another page with the same filters.</summary>
    public Dictionary<string, string> RouteFor(string? after = null, string? before = null, int? page = null)
    {
        var values = new Dictionary<string, string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values[key] = value;
            }
        }

        Add("setting", Filter.Setting);
        Add("experience", Filter.Experience);
        Add("country", Filter.Country);
        Add("year", Filter.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("language", Filter.Language);
        Add("q", Filter.Match is null ? null : Q);
        Add("sort", ByRelevance ? "relevant" : BySupport ? "supported" : null);
        Add("page", page?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("after", after);
        Add("before", before);
        return values;
    }
}
