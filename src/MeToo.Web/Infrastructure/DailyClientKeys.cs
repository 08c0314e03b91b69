using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using MeToo.Web.Data;

namespace MeToo.Web.Infrastructure;

/// <summary>What <see cref="DailyClientKeys.RecordAsync"/> found.</summary>
public enum KeyResult
{
    /// <summary>The first time today: count it.</summary>
    First,

    /// <summary>Seen already today: do not count it again.</summary>
    Again,

    /// <summary>The day's store is full: support fails open (the tap goes uncounted), reports fail closed.</summary>
    Full,
}

public sealed class ClientKeyOptions
{
    public const string Section = "ClientKeys";

    /// <summary>
    /// The most keys kept for one day, whatever the traffic: about 50 bytes each, so the default
    /// bounds the store near 25 MB. Rotating user agents cannot grow it past this.
    /// </summary>
    public int MaxKeysPerDay { get; set; } = 500_000;
}

/// <summary>
/// "Once per client, per thing, per day" without tracking anyone (privacy rule 9): a keyed hash
/// of (the day's salt, purpose, thing, client address — an IPv6 client's /64 — and user agent) is
/// remembered for the day, or of the address alone where a count must be of distinct addresses.
/// Salts are random and rotate at midnight UTC; a day's salt and keys are destroyed once the day is
/// over by more than a day (at most 48 hours after they were made). The store is bounded
/// (<see cref="ClientKeyOptions.MaxKeysPerDay"/>). Where they are kept is the store's: this
/// process's memory on one machine (<see cref="MemoryClientKeyStore"/>, the salt never written
/// anywhere), or the database shared by every instance on PostgreSQL (<see cref="PostgresClientKeyStore"/>),
/// so that a client is counted once however many instances it reaches.
/// </summary>
public sealed class DailyClientKeys(IClientKeyStore store, TimeProvider time, Microsoft.Extensions.Options.IOptions<ClientKeyOptions> options)
{
    /// <summary>True the first time this client does <paramref name="purpose"/> to <paramref name="subject"/> today (false when full).</summary>
    public async Task<bool> TryRecordAsync(string purpose, string subject, HttpContext context) =>
        await RecordAsync(purpose, subject, context) == KeyResult.First;

    /// <summary>
    /// Records that this client did <paramref name="purpose"/> to <paramref name="subject"/> today.
    /// With <paramref name="byNetwork"/> the key is the client's network alone, without the user agent
    /// (<see cref="RateLimits.NetworkKey(HttpContext)"/>: an IPv6 /48, an IPv4 /24): distinct networks,
    /// as automatic hiding counts reporters, so one household or one site is one.
    /// </summary>
    public async Task<KeyResult> RecordAsync(string purpose, string subject, HttpContext context, bool byNetwork = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var salt = await store.SaltAsync(today, cancellationToken);
        var material = Encoding.UTF8.GetBytes(string.Join('\0',
            purpose,
            subject,
            byNetwork ? RateLimits.NetworkKey(context) : RateLimits.ClientKey(context),
            byNetwork ? string.Empty : context.Request.Headers.UserAgent.ToString()));
        var key = HMACSHA256.HashData(salt, material).AsSpan(0, 16).ToArray();
        return await store.AddAsync(today, subject, key, options.Value.MaxKeysPerDay, cancellationToken);
    }

    /// <summary>Forgets every key about <paramref name="subject"/> (a withdrawn or removed story), on every day kept.</summary>
    public Task ForgetAsync(string subject, CancellationToken cancellationToken = default) => store.ForgetAsync(subject, cancellationToken);

    /// <summary>How many keys about <paramref name="subject"/> are remembered now; for tests.</summary>
    public Task<int> CountForAsync(string subject) => store.CountForAsync(subject);

    /// <summary>Days (salts and keys) kept now; for tests and the purge.</summary>
    public Task<IReadOnlyCollection<DateOnly>> DaysAsync() => store.DaysAsync();

    /// <summary>Forgets every day before yesterday: its salt can no longer link anything.</summary>
    public Task PurgeAsync(CancellationToken cancellationToken = default) =>
        store.PurgeBeforeAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1), cancellationToken);
}

/// <summary>Where the days' salts and keys are kept (<see cref="DailyClientKeys"/>).</summary>
public interface IClientKeyStore
{
    /// <summary>The day's salt: made once, the same for every caller of the day.</summary>
    Task<byte[]> SaltAsync(DateOnly day, CancellationToken cancellationToken);

    /// <summary>Adds a key of the day about <paramref name="subject"/>, unless it is there or the day holds <paramref name="max"/>.</summary>
    Task<KeyResult> AddAsync(DateOnly day, string subject, byte[] key, int max, CancellationToken cancellationToken);

    Task ForgetAsync(string subject, CancellationToken cancellationToken);

    Task<int> CountForAsync(string subject);

    Task<IReadOnlyCollection<DateOnly>> DaysAsync();

    /// <summary>Destroys the salts and keys of every day before <paramref name="day"/>.</summary>
    Task PurgeBeforeAsync(DateOnly day, CancellationToken cancellationToken);
}

/// <summary>One machine's store: the salts and keys in this process's memory only, never written anywhere.</summary>
public sealed class MemoryClientKeyStore : IClientKeyStore
{
    private readonly ConcurrentDictionary<DateOnly, Day> _days = new();

    public Task<byte[]> SaltAsync(DateOnly day, CancellationToken cancellationToken) =>
        Task.FromResult(_days.GetOrAdd(day, _ => new Day()).Salt);

    public Task<KeyResult> AddAsync(DateOnly day, string subject, byte[] key, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var stored = _days.GetOrAdd(day, _ => new Day());
        var value = new Int128(BitConverter.ToUInt64(key, 0), BitConverter.ToUInt64(key, 8));
        var keys = stored.Subjects.GetOrAdd(subject, _ => new ConcurrentDictionary<Int128, byte>());
        if (keys.ContainsKey(value))
        {
            return Task.FromResult(KeyResult.Again);
        }

        if (Interlocked.Increment(ref stored.Count) > max)
        {
            Interlocked.Decrement(ref stored.Count);
            return Task.FromResult(KeyResult.Full);
        }

        if (keys.TryAdd(value, 0))
        {
            return Task.FromResult(KeyResult.First);
        }

        Interlocked.Decrement(ref stored.Count);
        return Task.FromResult(KeyResult.Again);
    }

    public Task ForgetAsync(string subject, CancellationToken cancellationToken)
    {
        foreach (var day in _days.Values)
        {
            if (day.Subjects.TryRemove(subject, out var keys))
            {
                Interlocked.Add(ref day.Count, -keys.Count);
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> CountForAsync(string subject) =>
        Task.FromResult(_days.Values.Sum(d => d.Subjects.TryGetValue(subject, out var keys) ? keys.Count : 0));

    public Task<IReadOnlyCollection<DateOnly>> DaysAsync() => Task.FromResult<IReadOnlyCollection<DateOnly>>([.. _days.Keys]);

    public Task PurgeBeforeAsync(DateOnly day, CancellationToken cancellationToken)
    {
        foreach (var old in _days.Keys.Where(d => d < day))
        {
            if (_days.TryRemove(old, out var removed))
            {
                CryptographicOperations.ZeroMemory(removed.Salt);
                removed.Subjects.Clear();
            }
        }

        return Task.CompletedTask;
    }

    private sealed class Day
    {
        public byte[] Salt { get; } = RandomNumberGenerator.GetBytes(32);

        /// <summary>How many keys the day holds, for the bound.</summary>
        public int Count;

        /// <summary>The day's keys (128 bits of the keyed hash), by what they are about (a story's public id, or empty for #MeToo).</summary>
        public ConcurrentDictionary<string, ConcurrentDictionary<Int128, byte>> Subjects { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>Runs <see cref="DailyClientKeys.PurgeAsync"/> every hour on the injected clock (idempotent: every instance may).</summary>
public sealed class DailyClientKeysPurge(DailyClientKeys keys, TimeProvider time, ILogger<DailyClientKeysPurge> logger, DatabaseReadiness readiness) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time); // first: its hours count from the start, as the clock's tests expect
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
                    await keys.PurgeAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError("The once-a-day keys could not be purged ({Error}); trying again in an hour", exception.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
