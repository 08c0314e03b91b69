using MeToo.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Data;

/// <summary>
/// Brings the database up to date before the app serves anything: migrations (unless turned off),
/// the taxonomy keys from <c>seeds/</c> (idempotent), the staff roles, and demo stories on an empty
/// Development database.
/// </summary>
public sealed class DatabaseInitializer(
    AppDbContext db,
    Taxonomy taxonomy,
    DemoData demoData,
    RoleManager<IdentityRole> roles,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (options.Value.MigrateOnStartup)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        await SyncTaxonomyAsync(cancellationToken);
        await SeedSettingsAsync(cancellationToken);
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (options.Value.SeedDemoData && !await db.Stories.AnyAsync(cancellationToken))
        {
            var (published, pending) = await demoData.SeedAsync(cancellationToken);
            logger.LogInformation("Seeded {Published} published and {Pending} pending demo stories", published, pending);
        }
    }

    /// <summary>
    /// On the first start only: the settings row and the screening word lists from <c>seeds/</c>.
    /// Later starts leave them to the admins.
    /// </summary>
    private async Task SeedSettingsAsync(CancellationToken cancellationToken)
    {
        if (await db.SiteSettings.AnyAsync(cancellationToken))
        {
            return;
        }

        var helpLines = SeedFiles.HelpLines;
        db.SiteSettings.Add(new SiteSettings { HelpLinesJson = File.Exists(helpLines) ? await File.ReadAllTextAsync(helpLines, cancellationToken) : null });
        db.ScreeningWords.AddRange(StoryScreening.Seed(SeedFiles.ScreeningWords)
            .DistinctBy(w => (w.List, w.Text)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds new keys, updates positions, and marks keys no longer listed as retired; never deletes.</summary>
    public async Task SyncTaxonomyAsync(CancellationToken cancellationToken = default)
    {
        var existing = await db.TaxonomyTerms.ToDictionaryAsync(t => (t.Kind, t.Key), cancellationToken);
        var wanted = taxonomy.Terms().ToList();
        foreach (var term in wanted)
        {
            if (existing.TryGetValue((term.Kind, term.Key), out var stored))
            {
                stored.Position = term.Position;
                stored.IsRetired = false;
            }
            else
            {
                db.TaxonomyTerms.Add(term);
            }
        }

        var wantedKeys = wanted.Select(t => (t.Kind, t.Key)).ToHashSet();
        foreach (var stored in existing.Values.Where(t => !wantedKeys.Contains((t.Kind, t.Key))))
        {
            stored.IsRetired = true;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
