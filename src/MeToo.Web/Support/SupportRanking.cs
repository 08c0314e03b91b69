using MeToo.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Support;

public sealed class SupportRankJob(AppDbContext db)
{
    public async Task RecomputeAsync(CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SupportRanks.ExecuteDeleteAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO SupportRanks (StoryId, Rank) SELECT Id, ROW_NUMBER() OVER (ORDER BY SupportCount DESC, PublicId) FROM Stories WHERE Status = 'Published'",
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>Recomputes the snapshot at start-up and then every <see cref="Interval"/>, on the injected clock.</summary>
public sealed class SupportRankService(IServiceScopeFactory scopes, TimeProvider time, ILogger<SupportRankService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
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
                    logger.LogError(exception, "Recomputing the support ranking failed; it runs again in {Minutes} minutes", Interval.TotalMinutes);
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
