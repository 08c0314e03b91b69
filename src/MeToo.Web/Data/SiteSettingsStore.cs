using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Data;

/// <summary>Reads and changes the one settings row; every change is audited.</summary>
public sealed class SiteSettingsStore(AppDbContext db, StaffAuditLog audit)
{
    public async Task<SiteSettings> GetAsync(CancellationToken cancellationToken = default) =>
        await db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == SiteSettings.SingletonId, cancellationToken)
        ?? new SiteSettings();

    /// <summary>The admins' help lines, or the seed file's where none were saved (an older database).</summary>
    public async Task<string?> HelpLinesJsonAsync(CancellationToken cancellationToken = default)
    {
        var json = (await GetAsync(cancellationToken)).HelpLinesJson;
        if (string.IsNullOrWhiteSpace(json) && File.Exists(SeedFiles.HelpLines))
        {
            json = await File.ReadAllTextAsync(SeedFiles.HelpLines, cancellationToken);
        }

        return json;
    }

    public async Task SaveAsync(Actor actor, Action<SiteSettings> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        var settings = await db.SiteSettings.SingleOrDefaultAsync(s => s.Id == SiteSettings.SingletonId, cancellationToken);
        if (settings is null)
        {
            settings = new SiteSettings();
            db.SiteSettings.Add(settings);
        }

        change(settings);
        audit.Add(actor, StaffActions.SettingsChanged);
        await db.SaveChangesAsync(cancellationToken);
    }
}
