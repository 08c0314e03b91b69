using MeToo.Web.Domain;
using MeToo.Web.Privacy;

namespace MeToo.Web.Moderation;

/// <summary>
/// Automatic screening of a story's text on submit and edit: what moderators will see as markers,
/// and what the author is warned about in the preview. Pure: no database, no HTTP.
/// </summary>
public static class Screening
{
    /// <summary>Below this many characters a story is marked "very short" for moderators.</summary>
    public const int VeryShortLength = 200;

    /// <summary>Findings in everything the author wrote: title, text and display name.</summary>
    public static IReadOnlyList<Finding> Findings(StoryContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return
        [
            .. IdentifyingDetails.Find(content.Title, content.CountryCode),
            .. IdentifyingDetails.Find(content.Body, content.CountryCode),
            .. IdentifyingDetails.Find(content.DisplayName, content.CountryCode),
        ];
    }

    public static IReadOnlyList<ScreeningMarker> Markers(StoryContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var markers = Findings(content)
            .GroupBy(f => f.Kind)
            .Select(g => new ScreeningMarker((MarkerKind)(int)g.Key, g.Count()))
            .ToList();
        if (content.Body.Length < VeryShortLength)
        {
            markers.Add(new ScreeningMarker(MarkerKind.VeryShort, 1));
        }

        return markers;
    }
}
