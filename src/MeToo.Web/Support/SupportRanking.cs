using System.Text.Json;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Support;

public sealed class SupportRankingOptions
{
    public const string Section = "SupportRanking";

    /// <summary>How often the "most supported" snapshot is taken again; stories published since join at the next one.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Ranks written per transaction: each holds the database's one writer for a few milliseconds, no more.</summary>
    public int RanksPerWrite { get; set; } = 2_000;

    /// <summary>The pause between two writes, so that a story being shared, supported or withdrawn meanwhile is written first.</summary>
    public TimeSpan PauseBetweenWrites { get; set; } = TimeSpan.FromMilliseconds(20);
}

/// <summary>
/// Takes a new "most supported" snapshot beside the one readers page through, then switches to it
/// in one short write, then clears the old one. The order is read at once, from one consistent view
/// of the database (a reader in write-ahead logging blocks no writer); the ranks are written and
/// the old ones deleted in small transactions with a pause between them. Rewriting every rank in
/// one transaction held the database's only writer for seconds at a million stories, and every
/// share, support and withdrawal waited behind it.
/// </summary>
public sealed class SupportRankJob(AppDbContext db, TimeProvider time, IOptions<SupportRankingOptions> options, SupportRankJob.OneAtATime gate)
{
    public async Task RecomputeAsync(CancellationToken cancellationToken = default)
    {
        await gate.Semaphore.WaitAsync(cancellationToken);
        try
        {
            await TakeAsync(cancellationToken);
        }
        finally
        {
            gate.Semaphore.Release();
        }
    }

    /// <summary>One snapshot at a time in this app (a singleton): two would both write the next generation.</summary>
    public sealed class OneAtATime : IDisposable
    {
        internal SemaphoreSlim Semaphore { get; } = new(1, 1);

        public void Dispose() => Semaphore.Dispose();
    }

    private async Task TakeAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var batch = Math.Max(settings.RanksPerWrite, 1);
        var current = await db.SupportRankSnapshots.AsNoTracking().Select(s => (int?)s.Generation).SingleOrDefaultAsync(cancellationToken) ?? 0;
        var next = current + 1;

        // What an interrupted run left behind, before writing the next snapshot afresh.
        await ClearAsync(current, batch, settings.PauseBetweenWrites, cancellationToken);

        var order = await db.Stories.AsNoTracking()
            .Where(s => s.Status == StoryStatus.Published)
            .OrderByDescending(s => s.SupportCount).ThenBy(s => s.PublicId)
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);
        for (var start = 0; start < order.Count; start += batch)
        {
            if (start > 0)
            {
                await Task.Delay(settings.PauseBetweenWrites, time, cancellationToken);
            }

            // A story withdrawn since the order was read is left out (the join), and its rank stays a gap.
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO SupportRanks (Generation, Rank, StoryId)
                SELECT @generation, @first + j.key, j.value FROM json_each(@ids) j JOIN Stories s ON s.Id = j.value
                """,
                [
                    new SqliteParameter("@generation", next),
                    new SqliteParameter("@first", start + 1),
                    new SqliteParameter("@ids", JsonSerializer.Serialize(order.Skip(start).Take(batch))),
                ],
                cancellationToken);
        }

        var switched = current == 0
            ? await db.Database.ExecuteSqlRawAsync("INSERT INTO SupportRankSnapshots (Id, Generation) VALUES (1, @next) ON CONFLICT (Id) DO UPDATE SET Generation = excluded.Generation", [new SqliteParameter("@next", next)], cancellationToken)
            : await db.SupportRankSnapshots.Where(s => s.Id == 1).ExecuteUpdateAsync(set => set.SetProperty(s => s.Generation, next), cancellationToken);
        if (switched != 1)
        {
            throw new InvalidOperationException("The support ranking snapshot could not be switched.");
        }

        await ClearAsync(next, batch, settings.PauseBetweenWrites, cancellationToken);
    }

    /// <summary>Deletes every rank of another generation than <paramref name="keep"/>, a batch per transaction.</summary>
    private async Task ClearAsync(int keep, int batch, TimeSpan pause, CancellationToken cancellationToken)
    {
        while (await db.Database.ExecuteSqlRawAsync(
            "DELETE FROM SupportRanks WHERE rowid IN (SELECT rowid FROM SupportRanks WHERE Generation <> @keep LIMIT @batch)",
            [new SqliteParameter("@keep", keep), new SqliteParameter("@batch", batch)],
            cancellationToken) == batch)
        {
            await Task.Delay(pause, time, cancellationToken);
        }
    }
}

/// <summary>Recomputes the snapshot at start-up and then every <see cref="SupportRankingOptions.Interval"/>, on the injected clock.</summary>
public sealed class SupportRankService(IServiceScopeFactory scopes, TimeProvider time, IOptions<SupportRankingOptions> options, ILogger<SupportRankService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<SupportRankJob>().RecomputeAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "Recomputing the support ranking failed; it runs again in {Interval}", interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
