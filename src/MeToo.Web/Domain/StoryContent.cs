namespace MeToo.Web.Domain;

/// <summary>
/// What an author writes and chooses: already cleaned and validated when it reaches the domain.
/// <see cref="Language"/> is the language the story is written in, a stable lower-case code
/// (<c>en</c>, <c>es</c>, <c>fr</c>; <see cref="StoryLanguages"/>), not the language of the page it was shared on.
/// </summary>
public sealed record StoryContent(
    string? Title,
    string Body,
    string? DisplayName,
    int? Year,
    string? CountryCode,
    IReadOnlyCollection<string> Settings,
    IReadOnlyCollection<string> Experiences,
    IReadOnlyCollection<string> ContentWarnings,
    string Language = StoryLanguages.Default);
