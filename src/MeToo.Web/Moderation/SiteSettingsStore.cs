using MeToo.Web.Data;
using MeToo.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Moderation;

/// <summary>Reads and changes the one settings row; every change is audited.</summary>
public sealed class SiteSettingsStore(AppDbContext db, IOptions<StaffOptions> staff, StaffAudit audit)
{
    public async Task<SiteSettings> GetAsync(CancellationToken cancellationToken = default) =>
        await db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == SiteSettings.SingletonId, cancellationToken)
        ?? new SiteSettings();

    /// <summary>The seed of the help lines, next to the app.</summary>
    public static string HelpLinesSeedPath => Path.Combine(AppContext.BaseDirectory, "seeds", "helplines.json");

    /// <summary>The admins' help lines, or the seed file's where none were saved (an older database).</summary>
    public async Task<string?> HelpLinesJsonAsync(CancellationToken cancellationToken = default)
    {
        var json = (await GetAsync(cancellationToken)).HelpLinesJson;
        if (string.IsNullOrWhiteSpace(json) && File.Exists(HelpLinesSeedPath))
        {
            json = await File.ReadAllTextAsync(HelpLinesSeedPath, cancellationToken);
        }

        return json;
    }

    /// <summary>The configuration's choice, which applies while the admins have not made one.</summary>
    public bool ConfiguredRequireTwoFactor => staff.Value.RequireTwoFactor ?? true;

    /// <summary>The admins' choice if they made one, else the configuration's (required outside Development).</summary>
    public async Task<bool> RequireTwoFactorAsync(CancellationToken cancellationToken = default) =>
        (await GetAsync(cancellationToken)).RequireTwoFactor ?? ConfiguredRequireTwoFactor;

    public async Task SaveAsync(StaffAdministration.Actor actor, Action<SiteSettings> change, CancellationToken cancellationToken = default)
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
        audit.Add(actor.Name, actor.Role, StaffActions.SettingsChanged);
        await db.SaveChangesAsync(cancellationToken);
    }
}
