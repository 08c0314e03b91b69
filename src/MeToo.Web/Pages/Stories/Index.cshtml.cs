using MeToo.Web.Data;
using MeToo.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeToo.Web.Pages.Stories;

public sealed class IndexModel(AppDbContext db, Taxonomy taxonomy, Countries countries) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Setting { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Experience { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    public StoryFilter Filter { get; private set; } = StoryFilter.None;

    public StoryPage Results { get; private set; } = new([], null, null);

    public Taxonomy Taxonomy => taxonomy;

    public Countries Countries => countries;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = new StoryFilter(
            taxonomy.IsKnown(TaxonomyKind.Setting, Setting) ? Setting : null,
            taxonomy.IsKnown(TaxonomyKind.Experience, Experience) ? Experience : null,
            countries.IsKnown(Country) ? Country : null,
            int.TryParse(Year, out var year) && year is >= 1900 and <= 2200 ? year : null);
        Results = await PublishedStories.PageAsync(db, Filter, After, Before, cancellationToken);
    }

    /// <summary>The query string for another page with the same filters.</summary>
    public Dictionary<string, string> RouteFor(string? after = null, string? before = null)
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
        Add("after", after);
        Add("before", before);
        return values;
    }
}
