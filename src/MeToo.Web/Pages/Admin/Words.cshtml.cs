using FluentValidation;
using FluentValidation.AspNetCore;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Pages.Admin;

/// <summary>
/// The screening word lists, one word or phrase per line, for every language and for each story
/// language (<c>?language=es</c>). They mark stories for moderators (banned and suspect words);
/// they never publish or reject on their own.
/// </summary>
public sealed class WordsModel(AppDbContext db, StoryScreening screening, StaffAuditLog audit, StoryLanguages languages, IValidator<WordsModel.WordListsInput> validator) : PageModel
{
    public const int MaxWords = 2000;
    public const int MaxWordLength = 100;

    public sealed class WordListsInput
    {
        public string? Banned { get; set; }

        public string? Suspect { get; set; }

        /// <summary>One cleaned, lower-case word or phrase per line, without repeats.</summary>
        public static List<string> Lines(string? text) =>
            [.. TextCleaner.CleanText(text).Split('\n')
                .Select(line => line.Trim().ToLowerInvariant())
                .Where(line => line.Length > 0)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)];
    }

    public sealed class WordListsInputValidator : AbstractValidator<WordListsInput>
    {
        public WordListsInputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(i => WordListsInput.Lines(i.Banned)).Must(Fits).OverridePropertyName(nameof(WordListsInput.Banned))
                .WithMessage(_ => l["Up to {0} lines of up to {1} characters each.", MaxWords, MaxWordLength]);
            RuleFor(i => WordListsInput.Lines(i.Suspect)).Must(Fits).OverridePropertyName(nameof(WordListsInput.Suspect))
                .WithMessage(_ => l["Up to {0} lines of up to {1} characters each.", MaxWords, MaxWordLength]);
        }

        private static bool Fits(List<string> lines) => lines.Count <= MaxWords && lines.All(w => w.Length <= MaxWordLength);
    }

    [BindProperty]
    public WordListsInput Input { get; set; } = new();

    /// <summary>Whose lists: a story language's code, or empty for the lists of every language.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    /// <summary>The lists shown and saved: <see cref="ScreeningWord.EveryLanguage"/> or a known story language.</summary>
    public string ListsOf => languages.IsKnown(Language) ? Language! : ScreeningWord.EveryLanguage;

    public StoryLanguages Languages => languages;

    /// <summary>How many words each language's lists hold, for the links between them.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    public string? Banned => Input.Banned;

    public string? Suspect => Input.Suspect;

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await CountAsync(cancellationToken);
        var of = ListsOf;
        var words = await db.ScreeningWords.AsNoTracking().Where(w => w.Language == of).OrderBy(w => w.Text).ToListAsync(cancellationToken);
        Input.Banned = string.Join('\n', words.Where(w => w.List == WordList.Banned).Select(w => w.Text));
        Input.Suspect = string.Join('\n', words.Where(w => w.List == WordList.Suspect).Select(w => w.Text));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState);
            await CountAsync(cancellationToken);
            return Page();
        }

        var of = ListsOf;
        var banned = WordListsInput.Lines(Input.Banned);
        var suspect = WordListsInput.Lines(Input.Suspect);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.ScreeningWords.Where(w => w.Language == of).ExecuteDeleteAsync(cancellationToken);
            db.ScreeningWords.AddRange(banned.Select(w => new ScreeningWord(WordList.Banned, w, of)));
            db.ScreeningWords.AddRange(suspect.Select(w => new ScreeningWord(WordList.Suspect, w, of)));
            audit.Add(Actor.Of(User), StaffActions.WordListChanged, reasonCode: $"language:{(of.Length == 0 ? "all" : of)};banned:{banned.Count};suspect:{suspect.Count}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        screening.Forget();
        Input.Banned = string.Join('\n', banned);
        Input.Suspect = string.Join('\n', suspect);
        Saved = true;
        await CountAsync(cancellationToken);
        return Page();
    }

    private async Task CountAsync(CancellationToken cancellationToken) =>
        Counts = await db.ScreeningWords.GroupBy(w => w.Language).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}
