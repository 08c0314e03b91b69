namespace MeToo.Web.Domain;

/// <summary>The actions the staff audit log names: stable strings, since old entries keep them.</summary>
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
