using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeToo.Web.Pages;

public sealed class HelpModel(SiteSettingsStore settings, Countries countries) : PageModel
{
    public HelpLineList? List { get; private set; }

    public Countries Countries => countries;

    /// <summary>The reader's country, if they chose one: its lines come first (a GET choice, cached per country like the story filters).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    /// <summary>The countries with lines, the reader's first, then in the reader's alphabetical order.</summary>
    public IReadOnlyList<IGrouping<string, HelpLine>> Groups { get; private set; } = [];

    /// <summary>When the list was last reviewed, as the reader's language writes a date ("28 de noviembre de 2026").</summary>
    public string? ReviewedOn => List is { } list && DateOnly.TryParseExact(list.ReviewedOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
        ? day.ToString("D", System.Globalization.CultureInfo.CurrentCulture)
        : List?.ReviewedOn;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Country = countries.IsKnown(Country) ? Country : null;
        List = HelpLineList.Parse(await settings.HelpLinesJsonAsync(cancellationToken), countries.IsKnown).List;
        var comparer = StringComparer.Create(System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CompareOptions.IgnoreCase);
        Groups = List is null
            ? []
            : [.. List.Lines.GroupBy(l => l.Country).OrderBy(g => g.Key == Country ? 0 : 1).ThenBy(g => countries.NameOf(g.Key), comparer)];
    }
}
