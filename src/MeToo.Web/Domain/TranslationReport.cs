namespace MeToo.Web.Domain;

/// <summary>
/// A reader's word about a wrong or clumsy translation: the language, the page (its path only, never
/// its query, which could hold a search), the words that read wrong, a better wording if they have
/// one, and the day. Nothing about the reader. Deleted when an admin has dealt with it, or after
/// <see cref="RetentionDays"/>.
/// </summary>
public sealed class TranslationReport
{
    public const int PageMaxLength = 200;
    public const int TextMaxLength = 500;
    public const int RetentionDays = 90;

    private TranslationReport()
    {
        Language = string.Empty;
        Page = string.Empty;
        Wrong = string.Empty;
    }

    public TranslationReport(string language, string page, string wrong, string? better, DateOnly reportedOn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(language);
        ArgumentException.ThrowIfNullOrWhiteSpace(wrong);
        Language = language;
        Page = page;
        Wrong = wrong;
        Better = string.IsNullOrWhiteSpace(better) ? null : better;
        ReportedOn = reportedOn;
    }

    /// <summary>A path on this site, without its query or fragment (which could hold a search); null for anything else.</summary>
    public static string? PagePath(string? raw)
    {
        var path = raw?.Split('?', '#')[0].Trim();
        return path is { Length: > 0 and <= PageMaxLength } && path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal)
            ? path
            : null;
    }

    public long Id { get; private set; }

    public string Language { get; private set; }

    public string Page { get; private set; }

    public string Wrong { get; private set; }

    public string? Better { get; private set; }

    public DateOnly ReportedOn { get; private set; }
}
