namespace MeToo.Web.Staff;

/// <summary>
/// One staff event: who, what, when, in which role, and about which story or account. Never a
/// password, a code, an address, story text or a free-text note; never anything an author did.
/// </summary>
public sealed class StaffAuditEntry
{
    private StaffAuditEntry()
    {
        Actor = string.Empty;
        Action = string.Empty;
    }

    public StaffAuditEntry(DateTime atUtc, string actor, string? actorRole, string action, string? target = null, string? storyPublicId = null, string? reasonCode = null)
    {
        AtUtc = atUtc;
        Actor = actor;
        ActorRole = actorRole;
        Action = action;
        Target = target;
        StoryPublicId = storyPublicId;
        ReasonCode = reasonCode;
    }

    public long Id { get; private set; }

    /// <summary>Staff times are UTC <see cref="DateTime"/>; authors' are days only.</summary>
    public DateTime AtUtc { get; private set; }

    /// <summary>The staff user name (or "cli" / "unknown" for a failed sign-in with no such user).</summary>
    public string Actor { get; private set; }

    public string? ActorRole { get; private set; }

    public string Action { get; private set; }

    /// <summary>The account acted on, for account events.</summary>
    public string? Target { get; private set; }

    public string? StoryPublicId { get; private set; }

    public string? ReasonCode { get; private set; }
}

public static class StaffActions
{
    public const string SignInSucceeded = "sign-in.succeeded";
    public const string SignInFailed = "sign-in.failed";
    public const string LockedOut = "sign-in.locked-out";
    public const string SignedOut = "sign-out";
    public const string PasswordChanged = "account.password-changed";
    public const string AccountCreated = "account.created";
    public const string AccountUnlocked = "account.unlocked";
    public const string TwoFactorReset = "account.two-factor-reset";
    public const string AccountDisabled = "account.disabled";
    public const string AccountEnabled = "account.enabled";
    public const string TwoFactorEnabled = "two-factor.enabled";
    public const string TwoFactorDisabled = "two-factor.disabled";
    public const string RecoveryCodesRenewed = "two-factor.recovery-codes-renewed";
    public const string RecoveryCodeUsed = "two-factor.recovery-code-used";
    public const string TwoFactorCodeRefused = "two-factor.code-refused";
    public const string StoryApproved = "story.approved";
    public const string ChangesRequested = "story.changes-requested";
    public const string StoryRejected = "story.rejected";
    public const string StoryRedacted = "story.redacted";
    public const string RevisionApproved = "story.revision-approved";
    public const string RevisionDeclined = "story.revision-declined";
    public const string StoryRemoved = "story.removed";
    public const string ReturnedToReview = "story.returned-to-review";
    public const string AutoHidden = "story.auto-hidden";
    public const string ReportsDismissed = "reports.dismissed";
    public const string StoryKept = "reports.kept";
    public const string RetentionPurged = "retention.purged";
    public const string SettingsChanged = "admin.settings-changed";
    public const string WordListChanged = "admin.word-list-changed";
    public const string OpenDataExported = "admin.open-data-exported";

    /// <summary>Every action, for the audit page's filter.</summary>
    public static readonly string[] All =
    [
        SignInSucceeded, SignInFailed, LockedOut, SignedOut, PasswordChanged, AccountCreated, AccountUnlocked,
        TwoFactorReset, AccountDisabled, AccountEnabled, TwoFactorEnabled, TwoFactorDisabled, RecoveryCodesRenewed,
        RecoveryCodeUsed, TwoFactorCodeRefused, StoryApproved, ChangesRequested, StoryRejected, StoryRedacted,
        RevisionApproved, RevisionDeclined, StoryRemoved, ReturnedToReview, AutoHidden, ReportsDismissed, StoryKept,
        RetentionPurged, SettingsChanged, WordListChanged, OpenDataExported,
    ];
}
