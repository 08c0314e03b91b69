using MeToo.Web.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// Output-cache eviction across instances on PostgreSQL (decision 0014): an instance that evicts a
/// tag says so with <c>NOTIFY metoo_cache, 'tag'</c>, and every instance <c>LISTEN</c>s on a
/// connection of its own and evicts the tag from its own cache when it hears it — within
/// milliseconds of the commit. While that connection is down the instance cannot hear, so it stops
/// caching (<see cref="PublicPageCacheGate"/>) and empties its cache; once it listens again it
/// empties its cache once more (it may have missed a message) and caches again. A silent network
/// fault is noticed within <see cref="Heartbeat"/> twice over.
/// </summary>
public sealed class PostgresCacheEviction(
    IConfiguration configuration,
    IOutputCacheStore store,
    PublicPageCacheGate gate,
    IServiceScopeFactory scopes,
    ILogger<PostgresCacheEviction> logger) : BackgroundService
{
    public const string Channel = "metoo_cache";

    /// <summary>How often a quiet listening connection is checked.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);

    /// <summary>Tells every instance (this one too) to evict <paramref name="tag"/>.</summary>
    public async Task TellOthersAsync(string tag, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {tag})", cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(DatabaseSetup.PostgresConnectionStringName))
        {
            Pooling = false, // its own connection, held for as long as the app runs
            CommandTimeout = 2,
        }.ConnectionString;
        var retry = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, message) => store.EvictByTagAsync(message.Payload, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                await store.EvictByTagAsync(PublicPageCache.StoriesTag, stoppingToken); // what was missed while deaf
                gate.Open();
                retry = TimeSpan.FromMilliseconds(250);
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(Heartbeat, stoppingToken))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
            {
                gate.Close();
                await store.EvictByTagAsync(PublicPageCache.StoriesTag, CancellationToken.None);
                logger.LogWarning("Not hearing other instances' cache evictions ({Error}); public pages are not cached until it is back", exception.GetType().Name);
                try
                {
                    await Task.Delay(retry, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }

        gate.Close();
    }
}
