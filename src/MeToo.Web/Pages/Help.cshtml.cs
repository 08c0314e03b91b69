using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeToo.Web.Pages;

public sealed class HelpModel(SiteSettingsStore settings, Countries countries) : PageModel
{
    public HelpLineList? List { get; private set; }

    public Countries Countries => countries;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        List = HelpLineList.Parse(await settings.HelpLinesJsonAsync(cancellationToken), countries.IsKnown).List;
    }
}
