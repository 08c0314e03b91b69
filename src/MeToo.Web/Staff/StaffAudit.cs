using MeToo.Web.Data;

namespace MeToo.Web.Staff;

/// <summary>Writes staff events to the audit table, stamped with the injected clock.</summary>
public sealed class StaffAudit(AppDbContext db, TimeProvider time)
{
    public async Task RecordAsync(string actor, string? role, string action, string? target = null, CancellationToken cancellationToken = default)
    {
        db.StaffAudit.Add(new StaffAuditEntry(time.GetUtcNow().UtcDateTime, actor, role, action, target));
        await db.SaveChangesAsync(cancellationToken);
    }
}
