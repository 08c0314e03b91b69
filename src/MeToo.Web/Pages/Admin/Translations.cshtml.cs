using MeToo.Web.Data;
using MeToo.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Pages.Admin;

/// <summary>
/// What readers said reads wrong in a translation, newest first; an admin who has fixed one (or
/// judged it needs no fix) marks it dealt with, which deletes it. Unread ones go after
/// <see cref="TranslationReport.RetentionDays"/> days.
/// </summary>
public sealed class TranslationsModel(AppDbContext db, StoryLanguages languages) : PageModel
{
    public IReadOnlyList<TranslationReport> Reports { get; private set; } = [];

    public StoryLanguages Languages => languages;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Reports = await db.TranslationReports.AsNoTracking().OrderByDescending(r => r.Id).Take(200).ToListAsync(cancellationToken);

    public async Task<IActionResult> OnPostDoneAsync(long id, CancellationToken cancellationToken)
    {
        await db.TranslationReports.Where(r => r.Id == id).ExecuteDeleteAsync(cancellationToken);
        return LocalRedirect("~/admin/translations");
    }
}
