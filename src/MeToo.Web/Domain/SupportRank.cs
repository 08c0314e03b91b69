namespace MeToo.Web.Domain;

/// <summary>
/// A place in a snapshot of published stories ordered by support (most first, the random public id
/// breaking ties), taken every few minutes, so "most supported" pages by a stable rank: a story does
/// not jump between pages while a reader pages through. Stories published since the last snapshot
/// join at the next one. A new snapshot is written beside the one readers use (its
/// <see cref="Generation"/>) and replaces it in one step (<see cref="SupportRankSnapshot"/>).
/// </summary>
public sealed class SupportRank
{
    public int Generation { get; set; }

    public int Rank { get; set; }

    public long StoryId { get; set; }
}
