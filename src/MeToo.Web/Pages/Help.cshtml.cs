using MeToo.Web.Domain;
using MeToo.Web.Moderation;
using MeToo.Web.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeToo.Web.Pages;

public sealed class HelpModel(SiteSettingsStore settings, Countries countries) : PageModel
{
    public HelpLineList? List { get; private set; }

    public Countries Countries => countries;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var json = (await settings.GetAsync(cancellationToken)).HelpLinesJson;
        if (string.IsNullOrWhiteSpace(json))
        {
            var seed = Path.Combine(AppContext.BaseDirectory, "seeds", "helplines.json");
            json = System.IO.File.Exists(seed) ? await System.IO.File.ReadAllTextAsync(seed, cancellationToken) : null;
        }

        List = HelpLineList.Parse(json, countries.IsKnown).List;
    }
}
