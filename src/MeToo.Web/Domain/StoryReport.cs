namespace MeToo.Web.Domain;

/// <summary>
/// A reader's report of a published story: a reason, an optional short note (cleaned and screened
/// like a story) and the day. Nothing about the reader. Deleted with the story, or when resolved.
/// </summary>
public sealed class StoryReport
{
    public const int NoteMaxLength = 500;

    private StoryReport()
    {
    }

    public StoryReport(long storyId, ReportReason reason, string? note, DateOnly reportedOn, bool countsTowardsHiding = true)
    {
        StoryId = storyId;
        Reason = reason;
        Note = string.IsNullOrWhiteSpace(note) ? null : note;
        ReportedOn = reportedOn;
        CountsTowardsHiding = countsTowardsHiding;
    }

    public long Id { get; private set; }

    public long StoryId { get; private set; }

    public ReportReason Reason { get; private set; }

    public string? Note { get; private set; }

    public DateOnly ReportedOn { get; private set; }

    /// <summary>
    /// The first report from its address about this story that day: only these count towards
    /// automatic hiding, so one address cannot hide a story however it changes its browser. Says
    /// nothing about the reader.
    /// </summary>
    public bool CountsTowardsHiding { get; private set; }
}
