namespace MeToo.Web.Domain;

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
