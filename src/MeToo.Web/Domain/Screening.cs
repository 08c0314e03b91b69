namespace MeToo.Web.Domain;

/// <summary>
/// The markers of automatic screening (docs/moderation.md), from what was already found in a
/// version of a story. Pure: no database, no HTTP. Word lists and duplicates are looked up by
/// <c>Data.StoryScreening</c>, which adds their markers to these.
/// </summary>
public static class Screening
{
    /// <summary>Below this many characters a story is marked "very short" for moderators.</summary>
    public const int VeryShortLength = 200;

    /// <summary>One marker per kind of identifying detail found (with how many), and "very short".</summary>
    public static IReadOnlyList<ScreeningMarker> Markers(StoryContent content, StoryFindings findings)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(findings);
        var markers = findings.All
            .GroupBy(f => MarkerKinds.For(f.Kind))
            .Select(g => new ScreeningMarker(g.Key, g.Count()))
            .ToList();
        if (content.Body.Length < VeryShortLength)
        {
            markers.Add(new ScreeningMarker(MarkerKind.VeryShort, 1));
        }

        return markers;
    }
}
