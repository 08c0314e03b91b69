using MeToo.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Data;

/// <summary>
/// Brings the database up to date before the app serves anything: migrations (unless turned off),
/// the taxonomy keys from <c>seeds/</c> (idempotent), the staff roles, and demo stories on an empty
/// Development database. On PostgreSQL, where several instances may start at the same moment on
/// one empty database, all of it runs under a session advisory lock: one instance migrates and
/// seeds while the others wait, then find it done.
/// </summary>
public sealed class DatabaseInitializer(
    AppDbContext db,
    Taxonomy taxonomy,
    DemoData demoData,
    RoleManager<IdentityRole> roles,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseInitializer> logger)
{
    /// <summary>The advisory lock's key on PostgreSQL: "MeToo start".</summary>
    public const long LockKey = 0x4D65546F6F_5354;

    /// <summary>Runs the first-start steps; <paramref name="alsoInTurn"/> is more seeding (the demo staff) done in the same turn.</summary>
    public async Task InitializeAsync(Func<CancellationToken, Task>? alsoInTurn = null, CancellationToken cancellationToken = default)
    {
        await using var turn = await WaitForTurnAsync(cancellationToken);
        if (options.Value.MigrateOnStartup)
        {
            if (db is PostgresDbContext)
            {
                // Npgsql reads the history table before making it and logs the failure as an error;
                // made here first (in our turn), an empty database's first start logs none.
                await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
            }

            // Only when a migration is pending: MigrateAsync also builds the last migration's model and
            // compares it with the app's (a warning for a missing migration), about a third of a second
            // at every start (docs/performance.md, start-up); listing what was applied is one query.
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        await SyncTaxonomyAsync(cancellationToken);
        await SeedSettingsAsync(cancellationToken);
        var existingRoles = await db.Roles.AsNoTracking().Select(r => r.Name).ToListAsync(cancellationToken);
        foreach (var role in StaffRoles.All.Where(r => !existingRoles.Contains(r)))
        {
            await roles.CreateAsync(new IdentityRole(role));
        }

        if (options.Value.SeedDemoData && !await db.Stories.AnyAsync(cancellationToken))
        {
            var (published, pending) = await demoData.SeedAsync(cancellationToken);
            logger.LogInformation("Seeded {Published} published and {Pending} pending demo stories", published, pending);
        }

        if (alsoInTurn is not null)
        {
            await alsoInTurn(cancellationToken);
        }
    }

    /// <summary>
    /// On PostgreSQL, a session of its own (not pooled) holding the start-up lock; closing it ends
    /// the session and releases the lock, also when this process dies. Nothing on SQLite (one
    /// machine), where PostgreSQL's client is not even loaded (<see cref="PostgresStartLock"/>).
    /// </summary>
    private Task<IAsyncDisposable?> WaitForTurnAsync(CancellationToken cancellationToken) =>
        db is PostgresDbContext ? PostgresStartLock.TakeAsync(db.Database.GetConnectionString()!, LockKey, cancellationToken) : Task.FromResult<IAsyncDisposable?>(null);

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
            .DistinctBy(w => (w.Language, w.List, w.Text)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Adds new keys, updates positions, and marks keys no longer listed as retired; never deletes.</summary>
    public async Task SyncTaxonomyAsync(CancellationToken cancellationToken = default)
    {
        var wanted = taxonomy.Terms().ToList();
        // Read untracked first: at almost every start nothing has changed, and tracking every term for a
        // save that writes nothing was a good part of the start-up's first-start steps.
        var inDatabase = await db.TaxonomyTerms.AsNoTracking().Select(t => new { t.Kind, t.Key, t.Position, t.IsRetired }).ToListAsync(cancellationToken);
        var unchanged = inDatabase.Count == wanted.Count && inDatabase.All(t => !t.IsRetired)
            && wanted.All(w => inDatabase.Any(t => t.Kind == w.Kind && t.Key == w.Key && t.Position == w.Position));
        if (unchanged)
        {
            return;
        }

        var existing = await db.TaxonomyTerms.ToDictionaryAsync(t => (t.Kind, t.Key), cancellationToken);
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

/// <summary>The start-up turn on PostgreSQL: a session advisory lock on a connection of its own.</summary>
internal static class PostgresStartLock
{
    public static async Task<IAsyncDisposable?> TakeAsync(string connectionString, long key, CancellationToken cancellationToken)
    {
        var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({key})", connection);
            await take.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
