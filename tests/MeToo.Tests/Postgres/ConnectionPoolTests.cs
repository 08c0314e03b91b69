using System.Net;
using MeToo.Tests.Harness;
using MeToo.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MeToo.Tests.Postgres;

/// <summary>
/// One instance opens at most <c>Database:PoolSize</c> connections to PostgreSQL, however many
/// readers arrive at once: the others wait their turn. Found by the load harness — 200 readers
/// supporting at once opened connections until the server refused them ("remaining connection slots
/// are reserved"), and 17 of 1,000 taps answered 500, 8 of them after their count was written.
/// </summary>
public sealed class ConnectionPoolTests : IDisposable
{
    private const int PoolSize = 3;
    private readonly MeTooFactory _app = new MeTooFactory(DatabaseEngine.Postgres).With("Database:PoolSize", PoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _app.Dispose();

    [Fact]
    public void ThePoolSize_BoundsTheConnectionString_AndASmallerOneThereWins()
    {
        Assert.Equal(20, new NpgsqlConnectionStringBuilder(DatabaseSetup.BoundedPool("Host=db;Database=metoo", 20)).MaxPoolSize);
        Assert.Equal(5, new NpgsqlConnectionStringBuilder(DatabaseSetup.BoundedPool("Host=db;Database=metoo;Maximum Pool Size=5", 20)).MaxPoolSize);
    }

    [Fact]
    public async Task SixtyReadersSupportingAtOnce_AreAllCounted_ThroughNoMoreConnectionsThanThePool()
    {
        var stories = await _app.WithDbAsync(db => Harness.Stories.AddAsync(db, 6, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        var database = new NpgsqlConnectionStringBuilder(_app.PostgresDatabase) { Pooling = false }.ConnectionString;
        await using var watcher = new NpgsqlConnection(database);
        await watcher.OpenAsync();
        using var stop = new CancellationTokenSource();
        var most = 0;
        var watching = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var count = new NpgsqlCommand("SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", watcher);
                most = Math.Max(most, (int)(await count.ExecuteScalarAsync())!);
                await Task.Delay(5);
            }
        });

        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            using var reader = _app.CreateClientFrom($"198.51.100.{i + 1}");
            return (await reader.PostAsync($"/stories/{stories[i % stories.Count].PublicId}/support", new FormUrlEncodedContent([]))).StatusCode;
        }));
        await stop.CancelAsync();
        await watching;

        Assert.All(answers, status => Assert.True(status is HttpStatusCode.OK or HttpStatusCode.SeeOther or HttpStatusCode.Redirect, $"a support answered {status}"));
        Assert.Equal(60, await _app.WithDbAsync(db => db.Stories.SumAsync(s => s.SupportCount)));
        Assert.Equal(60, await _app.WithDbAsync(db => db.DailyTallies.Where(t => t.Kind == MeToo.Web.Domain.TallyKinds.Support).SumAsync(t => t.Count)));
        // The pool, and the one listening connection of the cache eviction.
        Assert.InRange(most, 1, PoolSize + 1);
    }
}
