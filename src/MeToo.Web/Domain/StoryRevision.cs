namespace MeToo.Web.Domain;

/// <summary>
/// An author's edit of a published story, waiting for review while the published version stays up
/// (docs/moderation.md). One at most per story; a newer edit replaces it.
/// </summary>
public sealed class StoryRevision
{
    private StoryRevision()
    {
        Body = string.Empty;
        Tags = string.Empty;
        Language = StoryLanguages.Default;
    }

    public long StoryId { get; private set; }

    public string? Title { get; private set; }

    public string Body { get; private set; }

    public string? DisplayName { get; private set; }

    public int? Year { get; private set; }

    public string? CountryCode { get; private set; }

    public string Language { get; private set; }

    /// <summary>The revision's taxonomy keys as <c>Kind:key</c> words.</summary>
    public string Tags { get; private set; }

    public DateOnly SubmittedOn { get; private set; }

    public static StoryRevision From(StoryContent content, DateOnly today)
    {
        var revision = new StoryRevision();
        revision.Replace(content, today);
        return revision;
    }

    /// <summary>A newer edit replaces the waiting one.</summary>
    public void Replace(StoryContent content, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(content);
        Title = string.IsNullOrWhiteSpace(content.Title) ? null : content.Title;
        Body = content.Body;
        DisplayName = string.IsNullOrWhiteSpace(content.DisplayName) ? null : content.DisplayName;
        Year = content.Year;
        CountryCode = content.CountryCode;
        Language = content.Language;
        Tags = string.Join(' ', content.Settings.Select(k => $"{TaxonomyKind.Setting}:{k}")
            .Concat(content.Experiences.Select(k => $"{TaxonomyKind.Experience}:{k}"))
            .Concat(content.ContentWarnings.Select(k => $"{TaxonomyKind.ContentWarning}:{k}")));
        SubmittedOn = today;
    }

    /// <summary>A moderator's redaction of the edit (through <see cref="Story.Redact"/>); the original is not kept.</summary>
    internal void Redact(Redaction redaction)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(redaction.Body);
        Title = string.IsNullOrWhiteSpace(redaction.Title) ? null : redaction.Title;
        Body = redaction.Body;
        DisplayName = string.IsNullOrWhiteSpace(redaction.DisplayName) ? null : redaction.DisplayName;
    }

    public StoryContent ToContent()
    {
        var tags = Tags.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Split(':', 2))
            .Where(p => p.Length == 2 && Enum.TryParse<TaxonomyKind>(p[0], out _))
            .Select(p => (Kind: Enum.Parse<TaxonomyKind>(p[0]), Key: p[1]))
            .ToList();
        return new StoryContent(
            Title,
            Body,
            DisplayName,
            Year,
            CountryCode,
            [.. tags.Where(t => t.Kind == TaxonomyKind.Setting).Select(t => t.Key)],
            [.. tags.Where(t => t.Kind == TaxonomyKind.Experience).Select(t => t.Key)],
            [.. tags.Where(t => t.Kind == TaxonomyKind.ContentWarning).Select(t => t.Key)],
            Language);
    }
}
