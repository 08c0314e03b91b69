using System.Globalization;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Moderation;

/// <summary>
/// Deletes what the product promised not to keep (privacy rule 14): rejected stories and stories
/// sent back for changes that their authors never answered, and staff audit entries, after the
/// admins' numbers of days; and lapsed claims. Stories go through <see cref="StoryErasure"/>, like a withdrawal, so the text is
/// gone from disk, not just unlinked. With several instances on PostgreSQL one run at a time: a run
/// that finds another instance's run under way (a session advisory lock) does nothing and says so.
/// </summary>
public sealed class RetentionJob(AppDbContext db, SiteSettingsStore settings, StaffAuditLog audit, StoryErasure erasure, TimeProvider time, Microsoft.Extensions.Options.IOptions<MeToo.Web.Privacy.PrivacyOptions> privacy)
{
    /// <summary>The advisory lock's key on PostgreSQL: "MeToo retention".</summary>
    public const long LockKey = 0x4D65546F6F_5254;

    public sealed record Result(int Rejected, int ChangesRequested, int AuditEntries = 0, bool RunningElsewhere = false);

    public async Task<Result> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsNpgsql())
        {
            return await RunHereAsync(cancellationToken);
        }

        // One connection for the whole run, so the session lock is held by it and released with it.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({LockKey}) AS \"Value\"").SingleAsync(cancellationToken))
            {
                return new Result(0, 0, 0, RunningElsewhere: true);
            }

            try
            {
                return await RunHereAsync(cancellationToken);
            }
            finally
            {
                await db.Database.SqlQuery<bool>($"SELECT pg_advisory_unlock({LockKey}) AS \"Value\"").SingleAsync(CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Result> RunHereAsync(CancellationToken cancellationToken)
    {
        var current = await settings.GetAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var rejectedBefore = today.AddDays(-Math.Max(current.RejectedRetentionDays, 1));
        var changesBefore = today.AddDays(-Math.Max(current.ChangesRequestedRetentionDays, 1));

        var rejected = await erasure.EraseWhereAsync(s => s.Status == StoryStatus.Rejected && s.StatusChangedOn < rejectedBefore, cancellationToken);
        var changes = await erasure.EraseWhereAsync(s => s.Status == StoryStatus.ChangesRequested && s.StatusChangedOn < changesBefore, cancellationToken);
        await db.StoryClaims.Where(c => c.ClaimedUntilUtc < now).ExecuteDeleteAsync(cancellationToken);
        var auditBefore = now.AddDays(-Math.Max(current.AuditRetentionDays, 7));
        var entries = await db.StaffAudit.Where(e => e.AtUtc < auditBefore).ExecuteDeleteAsync(cancellationToken);

        // A tombstone outlives every backup that could hold its story (a day's margin), then goes.
        var tombstonesBefore = today.AddDays(-(Math.Max(privacy.Value.BackupRetentionDays, 0) + 1));
        await db.Tombstones.Where(t => t.Day < tombstonesBefore).ExecuteDeleteAsync(cancellationToken);
        var translationReportsBefore = today.AddDays(-TranslationReport.RetentionDays);
        await db.TranslationReports.Where(r => r.ReportedOn < translationReportsBefore).ExecuteDeleteAsync(cancellationToken);

        if (rejected + changes + entries > 0)
        {
            audit.Add(Actor.System, StaffActions.RetentionPurged, reasonCode: string.Create(CultureInfo.InvariantCulture, $"rejected:{rejected};unanswered:{changes};audit:{entries}"));
            await db.SaveChangesAsync(cancellationToken);
            await DatabaseSetup.CheckpointAsync(db, cancellationToken);
        }

        return new Result(rejected, changes, entries);
    }
}

/// <summary>Runs the <see cref="RetentionJob"/> every hour on the injected clock.</summary>
public sealed class RetentionService(IServiceScopeFactory scopes, TimeProvider time, ILogger<RetentionService> logger, DatabaseReadiness readiness) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time); // first: its hours count from the start, as the clock's tests expect
        if (!await readiness.WaitForAsync(stoppingToken))
        {
            return; // nothing before the database is ready, and nothing if it could not be made ready
        }

        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    var result = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(stoppingToken);
                    if (result.RunningElsewhere)
                    {
                        logger.LogInformation("Retention is running on another instance; this one runs again in an hour");
                    }
                    else
                    {
                        logger.LogInformation("Retention purged {Rejected} rejected and {Unanswered} unanswered stories", result.Rejected, result.ChangesRequested);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "Retention run failed; it runs again in an hour");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
