namespace MeToo.Web.Domain;

/// <summary>A marker stored with a story: what screening found and how often. Never the matched text.</summary>
public sealed class ScreeningMarker
{
    public ScreeningMarker(MarkerKind kind, int count)
    {
        Kind = kind;
        Count = count;
    }

    public long StoryId { get; private set; }

    public MarkerKind Kind { get; private set; }

    public int Count { get; private set; }
}
