namespace MeToo.Web.Domain;

/// <summary>
/// What admins change at <c>/admin/settings</c>, kept in the database (one row) so every instance
/// sees the same values.
/// </summary>
public sealed class SiteSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Distinct reports that hide a published story for review; 0 = never (the default).</summary>
    public int AutoHideThreshold { get; set; }

    /// <summary>How long "keep" protects a reported story from automatic hiding.</summary>
    public int KeepProtectionDays { get; set; } = 30;

    /// <summary>Null: the configuration decides (required outside Development).</summary>
    public bool? RequireTwoFactor { get; set; }

    /// <summary>Rejected stories are deleted this many days after the decision.</summary>
    public int RejectedRetentionDays { get; set; } = 30;

    /// <summary>Stories sent back for changes and never answered are deleted after this many days.</summary>
    public int ChangesRequestedRetentionDays { get; set; } = 90;

    /// <summary>Staff audit entries are deleted this many days after the event.</summary>
    public int AuditRetentionDays { get; set; } = 180;

    /// <summary>Sharing paused (a flood, an incident): the share page shows <see cref="PauseMessage"/>.</summary>
    public bool SharingPaused { get; set; }

    public string? PauseMessage { get; set; }

    /// <summary>The help lines of /help as JSON (see <c>HelpLineList</c>).</summary>
    public string? HelpLinesJson { get; set; }
}
