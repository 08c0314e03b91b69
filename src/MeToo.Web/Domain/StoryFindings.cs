using MeToo.Web.Privacy;

namespace MeToo.Web.Domain;

/// <summary>
/// What identifying-detail detection (privacy rule 5) found in one version of a story: in its
/// title, its text and its display name. Computed once per version and request, then shared by the
/// author's preview, the screening markers and the moderator's review page.
/// </summary>
public sealed record StoryFindings(IReadOnlyList<Finding> Title, IReadOnlyList<Finding> Body, IReadOnlyList<Finding> DisplayName)
{
    public static StoryFindings Of(StoryContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new(
            IdentifyingDetails.Find(content.Title, content.CountryCode),
            IdentifyingDetails.Find(content.Body, content.CountryCode),
            IdentifyingDetails.Find(content.DisplayName, content.CountryCode));
    }

    /// <summary>Everything found, title first, then the text, then the name.</summary>
    public IEnumerable<Finding> All => Title.Concat(Body).Concat(DisplayName);

    /// <summary>What was found outside the text: in the title or the display name.</summary>
    public IEnumerable<Finding> OutsideBody => Title.Concat(DisplayName);

    public bool IsEmpty => Title.Count + Body.Count + DisplayName.Count == 0;
}

/// <summary>A version of a story with what was found in it, computed once.</summary>
public sealed record ScreenedVersion(StoryVersionKind Kind, StoryContent Content, StoryFindings Findings)
{
    public static ScreenedVersion Of(StoryVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new(version.Kind, version.Content, StoryFindings.Of(version.Content));
    }

    /// <summary>A draft the author has not sent yet, or has just sent.</summary>
    public static ScreenedVersion OfDraft(StoryContent content) =>
        new(StoryVersionKind.Submitted, content, StoryFindings.Of(content));

    /// <summary>Every version of <paramref name="story"/> that can become public, screened.</summary>
    public static IReadOnlyList<ScreenedVersion> Of(Story story)
    {
        ArgumentNullException.ThrowIfNull(story);
        return [.. story.Versions.Select(Of)];
    }
}
