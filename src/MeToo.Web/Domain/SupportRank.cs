namespace MeToo.Web.Domain;

/// <summary>
/// A snapshot of published stories ordered by support (most first, the random public id breaking
/// ties), recomputed every few minutes, so "most supported" pages by a stable rank: a story does not
/// jump between pages while a reader pages through. Stories published since the last snapshot join
/// at the next one.
/// </summary>
public sealed class SupportRank
{
    public long StoryId { get; set; }

    public int Rank { get; set; }
}
