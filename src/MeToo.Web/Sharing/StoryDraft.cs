using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Sharing;

/// <summary>What an author writes on the share form and on /my-story, before it becomes a story.</summary>
public sealed class StoryDraft
{
    public bool Anonymous { get; set; } = true;

    public string? DisplayName { get; set; }

    public string? Title { get; set; }

    public string? Body { get; set; }

    public List<string> Settings { get; set; } = [];

    public List<string> Experiences { get; set; } = [];

    public List<string> ContentWarnings { get; set; } = [];

    public string? Year { get; set; }

    public string? Country { get; set; }

    /// <summary>The language the story is written in (<see cref="StoryLanguages"/>); the page's language until the author chooses.</summary>
    public string? Language { get; set; }

    /// <summary>Opt-in to the open research data set; off unless the author ticks it.</summary>
    public bool OpenData { get; set; }

    public int? YearNumber =>
        int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;

    /// <summary>
    /// Cleans every free-text field (privacy rule 4) and drops the name of an anonymous story; a
    /// draft that names no language is in <paramref name="pageLanguage"/>, as the form proposes.
    /// </summary>
    public void Clean(string pageLanguage)
    {
        Title = NullIfEmpty(TextCleaner.CleanLine(Title));
        Body = TextCleaner.CleanText(Body);
        DisplayName = Anonymous ? null : NullIfEmpty(TextCleaner.CleanLine(DisplayName));
        Year = NullIfEmpty(TextCleaner.CleanLine(Year));
        Country = NullIfEmpty(Country?.Trim().ToUpperInvariant());
        Language = NullIfEmpty(Language?.Trim().ToLowerInvariant()) ?? pageLanguage;
        Settings = Distinct(Settings);
        Experiences = Distinct(Experiences);
        ContentWarnings = Distinct(ContentWarnings);
    }

    public static StoryDraft From(StoryContent content, bool openData)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new StoryDraft
        {
            Anonymous = content.DisplayName is null,
            DisplayName = content.DisplayName,
            Title = content.Title,
            Body = content.Body,
            Settings = [.. content.Settings],
            Experiences = [.. content.Experiences],
            ContentWarnings = [.. content.ContentWarnings],
            Year = content.Year?.ToString(CultureInfo.InvariantCulture),
            Country = content.CountryCode,
            Language = content.Language,
            OpenData = openData,
        };
    }

    public StoryContent ToContent() =>
        new(Title, Body ?? string.Empty, Anonymous ? null : DisplayName, YearNumber, Country, Settings, Experiences, ContentWarnings, Language ?? StoryLanguages.Default);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static List<string> Distinct(List<string>? values) =>
        [.. (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal)];
}

/// <summary>The rules of the share form: lengths after cleaning, known lists, no links in a name.</summary>
public sealed partial class StoryDraftValidator : AbstractValidator<StoryDraft>
{
    public StoryDraftValidator(TimeProvider time, Taxonomy taxonomy, Countries countries, StoryLanguages languages, IStringLocalizer<SharedResource> l)
    {
        RuleFor(d => d.Body)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => l["Please write your story."])
            .MinimumLength(Story.BodyMinLength).WithMessage(_ => l["Your story is very short. Please write at least {0} characters.", Story.BodyMinLength])
            .MaximumLength(Story.BodyMaxLength).WithMessage(d => l[
                "Your story is {0:N0} characters long. The limit is {1:N0}: please shorten it by {2:N0}.",
                d.Body!.Length,
                Story.BodyMaxLength,
                d.Body.Length - Story.BodyMaxLength]);

        RuleFor(d => d.Title)
            .MaximumLength(Story.TitleMaxLength)
            .WithMessage(_ => l["Please keep the title to {0} characters or fewer.", Story.TitleMaxLength]);

        When(d => !d.Anonymous, () =>
        {
            RuleFor(d => d.DisplayName)
                .Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(_ => l["Choose a name to show, or share anonymously."])
                .MaximumLength(Story.DisplayNameMaxLength)
                .WithMessage(_ => l["Please keep the name to {0} characters or fewer.", Story.DisplayNameMaxLength])
                .Must(name => !LinkOrEmail().IsMatch(name ?? string.Empty))
                .WithMessage(_ => l["A display name cannot contain a link or an email address: they could identify you."]);
        });

        RuleFor(d => d.Year)
            .Must(year => year is null || int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .WithMessage(_ => l["Please enter the year as four digits, for example 2017, or leave it empty."])
            .DependentRules(() =>
            {
                RuleFor(d => d.YearNumber)
                    .InclusiveBetween(1900, int.MaxValue).WithMessage(_ => l["Please enter a year from 1900 on."])
                    .Must(year => year <= time.GetUtcNow().Year).WithMessage(_ => l["The year cannot be in the future."])
                    .When(d => d.YearNumber is not null)
                    .OverridePropertyName(nameof(StoryDraft.Year));
            });

        RuleFor(d => d.Country)
            .Must(countries.IsKnown).When(d => d.Country is not null)
            .WithMessage(_ => l["Please choose a country from the list, or leave it empty."]);

        RuleFor(d => d.Language)
            .Must(languages.IsKnown)
            .WithMessage(_ => l["Please choose the language of your story from the list."]);

        RuleFor(d => d.Settings)
            .Must(keys => keys.All(key => taxonomy.IsKnown(TaxonomyKind.Setting, key)))
            .WithMessage(_ => l["Please choose settings from the list."]);
        RuleFor(d => d.Experiences)
            .Must(keys => keys.All(key => taxonomy.IsKnown(TaxonomyKind.Experience, key)))
            .WithMessage(_ => l["Please choose experiences from the list."]);
        RuleFor(d => d.ContentWarnings)
            .Must(keys => keys.All(key => taxonomy.IsKnown(TaxonomyKind.ContentWarning, key)))
            .WithMessage(_ => l["Please choose content warnings from the list."]);
    }

    [GeneratedRegex(@"@|https?:|www\.|[\p{L}\p{N}-]+\.(com|net|org|io|co|me|info|biz|app|dev|ly|xyz|uk|de|fr|es|it|nl|ca|au|in)\b|\b[\p{L}\p{N}-]+\.[a-z]{2,}/", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkOrEmail();
}
