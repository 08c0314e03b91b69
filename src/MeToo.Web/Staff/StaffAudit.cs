using MeToo.Web.Data;

namespace MeToo.Web.Staff;

/// <summary>Writes staff events to the audit table, stamped with the injected clock.</summary>
public sealed class StaffAudit(AppDbContext db, TimeProvider time)
{
    public async Task RecordAsync(string actor, string? role, string action, string? target = null, CancellationToken cancellationToken = default)
    {
        Add(actor, role, action, target);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds an entry to be saved with the change it describes, so neither is saved without the other.</summary>
    public void Add(string actor, string? role, string action, string? target = null, string? storyPublicId = null, string? reasonCode = null) =>
        db.StaffAudit.Add(new StaffAuditEntry(time.GetUtcNow().UtcDateTime, actor, role, action, target, storyPublicId, reasonCode));
}
