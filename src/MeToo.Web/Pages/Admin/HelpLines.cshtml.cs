using MeToo.Web.Domain;
using MeToo.Web.Moderation;
using MeToo.Web.Staff;
using MeToo.Web.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeToo.Web.Pages.Admin;

/// <summary>Admins keep the help lines of /help current: one JSON document, checked before it is saved.</summary>
public sealed class HelpLinesModel(SiteSettingsStore settings, Countries countries) : PageModel
{
    [BindProperty]
    public string? Json { get; set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Json = await settings.HelpLinesJsonAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (list, errors) = HelpLineList.Parse(Json, countries.IsKnown);
        if (list is null)
        {
            Errors = errors;
            return Page();
        }

        Json = list.ToJson();
        await settings.SaveAsync(StaffAdministration.Actor.Of(User), s => s.HelpLinesJson = Json, cancellationToken);
        Saved = true;
        return Page();
    }
}
