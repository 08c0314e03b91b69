using MeToo.Web.Domain;

namespace MeToo.Web.Data;

/// <summary>
/// Writes staff events to the audit table, stamped with the injected clock. An entry is added to
/// the same unit of work as the change it describes, so neither is saved without the other.
/// </summary>
public sealed class StaffAuditLog(AppDbContext db, TimeProvider time)
{
    /// <summary>Adds an entry to be saved with the change it describes.</summary>
    public void Add(Actor actor, string action, string? target = null, string? storyPublicId = null, string? reasonCode = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        db.StaffAudit.Add(new StaffAuditEntry(time.GetUtcNow().UtcDateTime, actor.Name, actor.Role, action, target, storyPublicId, reasonCode));
    }

    /// <summary>Adds an entry and saves at once: for events that change nothing else (sign-in, export).</summary>
    public async Task RecordAsync(Actor actor, string action, string? target = null, CancellationToken cancellationToken = default)
    {
        Add(actor, action, target);
        await db.SaveChangesAsync(cancellationToken);
    }
}
