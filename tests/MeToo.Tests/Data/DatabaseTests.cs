using MeToo.Tests.Harness;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeToo.Tests.Data;

public sealed class DatabaseTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Migrations_CreateTheSchemaFromNothing_AndTheModelHasNoPendingChanges()
    {
        _ = app.Services; // starting the host applies the migrations to an empty file
        await using var db = app.CreateDbContext();

        var applied = await db.Database.GetAppliedMigrationsAsync();
        var all = db.Database.GetMigrations();

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration captures: add a migration.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task EveryConnection_RunsWal_BusyTimeout_ForeignKeys_SecureDelete_AndASmallPageCache()
    {
        using var sqlite = new MeTooFactory(DatabaseEngine.Sqlite); // SQLite's settings, on either suite run
        await using var db = sqlite.CreateDbContext();
        await db.Database.OpenConnectionAsync();

        async Task<string> Pragma(string name)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"PRAGMA {name};";
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
        }

        Assert.Equal("wal", await Pragma("journal_mode"));
        Assert.Equal("5000", await Pragma("busy_timeout"));
        Assert.Equal("1", await Pragma("foreign_keys"));
        Assert.Equal("1", await Pragma("secure_delete"));
        // Every pooled connection holds its own cache: SQLite's 2 MB each was 70 MB of the app's memory at a million stories.
        Assert.Equal((-SqlitePragmas.CacheKibibytes).ToString(System.Globalization.CultureInfo.InvariantCulture), await Pragma("cache_size"));
    }

    [Fact]
    public async Task AConnectionReusedFromThePool_StillHasEverySetting_ThoughTheyAreSetOnlyWhenItIsNew()
    {
        using var sqlite = new MeTooFactory(DatabaseEngine.Sqlite);
        var seen = new HashSet<SQLitePCL.sqlite3>(ReferenceEqualityComparer.Instance);
        var reused = 0;
        for (var open = 0; open < 40; open++)
        {
            // As a request does: the scope's end returns the context to its pool and closes the connection,
            // which gives the physical connection back to SQLite's pool for the next open.
            using var scope = sqlite.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
            if (open % 2 == 0)
            {
                await db.Database.OpenConnectionAsync();
            }
            else
            {
                db.Database.OpenConnection(); // the synchronous path sets them too
            }

            if (!seen.Add(connection.Handle!))
            {
                reused++; // the pool gave a physical connection back that was opened before
            }

            // A setting changed on a pooled connection would stay changed; the app never does, and these hold.
            Assert.Equal(
                ["wal", "5000", "1", "1", (-SqlitePragmas.CacheKibibytes).ToString(System.Globalization.CultureInfo.InvariantCulture)],
                [
                    Scalar(connection, "journal_mode"), Scalar(connection, "busy_timeout"), Scalar(connection, "foreign_keys"),
                    Scalar(connection, "secure_delete"), Scalar(connection, "cache_size"),
                ]);
        }

        static string Scalar(System.Data.Common.DbConnection connection, string pragma)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {pragma};";
            return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
        }

        Assert.True(reused > 0, "no connection came back from the pool: the test checked only new ones");
    }

    [Fact]
    public async Task Taxonomy_IsLoadedFromSeeds_AndLoadingAgainChangesNothing()
    {
        var taxonomy = app.Services.GetRequiredService<Taxonomy>();
        var before = await app.WithDbAsync(db => db.TaxonomyTerms.CountAsync());

        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().SyncTaxonomyAsync();
        }

        var after = await app.WithDbAsync(db => db.TaxonomyTerms.CountAsync());
        Assert.Equal(taxonomy.Settings.Count + taxonomy.Experiences.Count + taxonomy.ContentWarnings.Count, before);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task AStoryTaggedWithAnUnknownKey_IsRefusedByTheDatabase()
    {
        await using var db = app.CreateDbContext();
        db.Stories.Add(Story.Submit(MeToo.Web.Privacy.PublicId.New(), Harness.Stories.Content(settings: ["not-a-key"]), new byte[32], new DateOnly(2026, 1, 1)));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task TwoDecisionsOnTheSameVersion_OnlyTheFirstIsSaved()
    {
        var day = new DateOnly(2026, 1, 2);
        var story = await app.WithDbAsync(async db => (await Harness.Stories.AddAsync(db, 1, day, null))[0]);
        await using var first = app.CreateDbContext();
        await using var second = app.CreateDbContext();
        var a = await first.Stories.Include(s => s.Tags).SingleAsync(s => s.Id == story.Id);
        var b = await second.Stories.Include(s => s.Tags).SingleAsync(s => s.Id == story.Id);

        a.Approve(day);
        await first.SaveChangesAsync();
        b.Reject(RejectionReason.Spam, null, day);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        var stored = await app.WithDbAsync(db => db.Stories.AsNoTracking().SingleAsync(s => s.Id == story.Id));
        Assert.Equal(StoryStatus.Published, stored.Status);
    }

    [Fact]
    public async Task DemoData_SeedsPublishedAndPendingFictionalStories()
    {
        using var scope = app.Services.CreateScope();
        var demo = scope.ServiceProvider.GetRequiredService<DemoData>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Each demo story says it is fictional, in its own language.
        var before = await db.Stories.CountAsync(s => s.Body.EndsWith("(This is a fictional demo story.)") || s.Body.EndsWith("(Es una historia ficticia de demostración.)") || s.Body.EndsWith("(Histoire fictive de démonstration.)"));

        var (published, pending) = await demo.SeedAsync();

        var demoStories = await db.Stories.Where(s => s.Body.EndsWith("(This is a fictional demo story.)") || s.Body.EndsWith("(Es una historia ficticia de demostración.)") || s.Body.EndsWith("(Histoire fictive de démonstration.)")).ToListAsync();
        Assert.Equal(before + published + pending, demoStories.Count);
        Assert.Equal(200, published);
        Assert.Equal(20, pending);
        Assert.True(demoStories.Count(s => s.Status == StoryStatus.Published) >= 200);
        Assert.True(demoStories.Select(s => s.PublishedOn?.Month).Distinct().Count() > 6, "spread over months");
        Assert.True(await db.DailyTallies.CountAsync(t => t.Kind == TallyKinds.MeToo) > 100, "demo #MeToo taps for /stats");
        Assert.All(demoStories, s => Assert.True(s.Synthetic, "demo stories are marked as made by the demo data"));
        Assert.Contains(demoStories, s => s.Language == "es" && s.Body.EndsWith("(Es una historia ficticia de demostración.)", StringComparison.Ordinal));
        Assert.Contains(demoStories, s => s.Language == "fr" && s.Body.EndsWith("(Histoire fictive de démonstration.)", StringComparison.Ordinal));
    }
}
