namespace MeToo.Web.Domain;

/// <summary>What an author writes and chooses: already cleaned and validated when it reaches the domain.</summary>
public sealed record StoryContent(
    string? Title,
    string Body,
    string? DisplayName,
    int? Year,
    string? CountryCode,
    IReadOnlyCollection<string> Settings,
    IReadOnlyCollection<string> Experiences,
    IReadOnlyCollection<string> ContentWarnings);
