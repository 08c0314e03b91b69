using MeToo.Web.Data;
using MeToo.Web.Moderation;
using MeToo.Web.Privacy;
using MeToo.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Pages.Admin;

/// <summary>
/// The screening word lists, one word or phrase per line. They mark stories for moderators
/// (banned and suspect words); they never publish or reject on their own.
/// </summary>
public sealed class WordsModel(AppDbContext db, StoryScreening screening, StaffAudit audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int MaxWords = 2000;
    public const int MaxWordLength = 100;

    [BindProperty]
    public string? Banned { get; set; }

    [BindProperty]
    public string? Suspect { get; set; }

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var words = await db.ScreeningWords.AsNoTracking().OrderBy(w => w.Text).ToListAsync(cancellationToken);
        Banned = string.Join('\n', words.Where(w => w.List == WordList.Banned).Select(w => w.Text));
        Suspect = string.Join('\n', words.Where(w => w.List == WordList.Suspect).Select(w => w.Text));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var banned = Lines(Banned);
        var suspect = Lines(Suspect);
        foreach (var (field, list) in new[] { (nameof(Banned), banned), (nameof(Suspect), suspect) })
        {
            if (list.Count > MaxWords || list.Any(w => w.Length > MaxWordLength))
            {
                ModelState.AddModelError(field, localizer["Up to {0} lines of up to {1} characters each.", MaxWords, MaxWordLength]);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await db.ScreeningWords.ExecuteDeleteAsync(cancellationToken);
        db.ScreeningWords.AddRange(banned.Select(w => new ScreeningWord(WordList.Banned, w)));
        db.ScreeningWords.AddRange(suspect.Select(w => new ScreeningWord(WordList.Suspect, w)));
        audit.Add(User.Identity!.Name!, StaffRoles.Admin, StaffActions.WordListChanged, reasonCode: $"banned:{banned.Count};suspect:{suspect.Count}");
        await db.SaveChangesAsync(cancellationToken);
        screening.Forget();
        Banned = string.Join('\n', banned);
        Suspect = string.Join('\n', suspect);
        Saved = true;
        return Page();
    }

    private static List<string> Lines(string? text) =>
        [.. TextCleaner.CleanText(text).Split('\n')
            .Select(line => line.Trim().ToLowerInvariant())
            .Where(line => line.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
}
