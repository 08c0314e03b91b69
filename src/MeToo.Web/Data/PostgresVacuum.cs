using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Data;

/// <summary>
/// On PostgreSQL a deleted or overwritten row stays in its table's pages as a dead version until
/// <c>VACUUM</c> removes it (and a long text, in the table's TOAST pages). After every withdrawal,
/// redaction, removal and decision — where SQLite truncates its write-ahead log — a vacuum of the
/// story tables is asked for, and run a moment later (requests coming close together share one
/// run), so the old text goes within seconds instead of whenever autovacuum reaches the table. The
/// migration <c>StoryTablesVacuumSoon</c> also tells autovacuum to visit those tables after a few
/// dead rows rather than a fifth of the table. <c>SKIP_LOCKED</c>: a table another vacuum holds is
/// left to that vacuum.
/// </summary>
public sealed class PostgresVacuum(IServiceScopeFactory scopes, ILogger<PostgresVacuum> logger) : BackgroundService
{
    /// <summary>How long a request waits for others to join it.</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(500);

    public const string Tables = "\"Stories\", \"StoryRevisions\", \"StoryTags\", \"ScreeningMarkers\", \"StoryReports\", \"StaffAudit\"";

    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a vacuum soon (never waits).</summary>
    public void Request() => _requests.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _requests.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Gather, stoppingToken);
                _requests.Reader.TryRead(out _);
                try
                {
                    using var scope = scopes.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    await db.Database.ExecuteSqlRawAsync($"VACUUM (SKIP_LOCKED) {Tables}", stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning("The story tables could not be vacuumed ({Error}); autovacuum will reach them", exception.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
