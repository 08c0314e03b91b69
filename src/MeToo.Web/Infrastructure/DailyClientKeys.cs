using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace MeToo.Web.Infrastructure;

/// <summary>What <see cref="DailyClientKeys.Record"/> found.</summary>
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
/// remembered in memory for the day, or of the address alone where a count must be of distinct
/// addresses. Salts are random, never written anywhere, and rotate at midnight UTC; a day's salt
/// and keys are destroyed once the day is over by more than a day (at most 48 hours after they were
/// made). The store is bounded (<see cref="ClientKeyOptions.MaxKeysPerDay"/>).
/// </summary>
public sealed class DailyClientKeys(TimeProvider time, Microsoft.Extensions.Options.IOptions<ClientKeyOptions> options)
{
    private readonly ConcurrentDictionary<DateOnly, Day> _days = new();

    /// <summary>True the first time this client does <paramref name="purpose"/> to <paramref name="subject"/> today (false when full).</summary>
    public bool TryRecord(string purpose, string subject, HttpContext context) =>
        Record(purpose, subject, context) == KeyResult.First;

    /// <summary>
    /// Records that this client did <paramref name="purpose"/> to <paramref name="subject"/> today.
    /// With <paramref name="addressOnly"/> the key ignores the user agent: distinct addresses.
    /// </summary>
    public KeyResult Record(string purpose, string subject, HttpContext context, bool addressOnly = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var day = _days.GetOrAdd(today, _ => new Day());
        var material = Encoding.UTF8.GetBytes(string.Join('\0',
            purpose,
            subject,
            RateLimits.ClientKey(context),
            addressOnly ? string.Empty : context.Request.Headers.UserAgent.ToString()));
        var hash = HMACSHA256.HashData(day.Salt, material);
        var key = new Int128(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
        var keys = day.Subjects.GetOrAdd(subject, _ => new ConcurrentDictionary<Int128, byte>());
        if (keys.ContainsKey(key))
        {
            return KeyResult.Again;
        }

        if (Interlocked.Increment(ref day.Count) > options.Value.MaxKeysPerDay)
        {
            Interlocked.Decrement(ref day.Count);
            return KeyResult.Full;
        }

        if (keys.TryAdd(key, 0))
        {
            return KeyResult.First;
        }

        Interlocked.Decrement(ref day.Count);
        return KeyResult.Again;
    }

    /// <summary>Forgets every key about <paramref name="subject"/> (a withdrawn or removed story), on every day kept.</summary>
    public void Forget(string subject)
    {
        foreach (var day in _days.Values)
        {
            if (day.Subjects.TryRemove(subject, out var keys))
            {
                Interlocked.Add(ref day.Count, -keys.Count);
            }
        }
    }

    /// <summary>How many keys about <paramref name="subject"/> are remembered now; for tests.</summary>
    public int CountFor(string subject) => _days.Values.Sum(d => d.Subjects.TryGetValue(subject, out var keys) ? keys.Count : 0);

    /// <summary>Days (salts and keys) kept in memory now; for tests and the purge.</summary>
    public IReadOnlyCollection<DateOnly> Days => [.. _days.Keys];

    /// <summary>Forgets every day before yesterday: its salt can no longer link anything.</summary>
    public void Purge()
    {
        var yesterday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-1);
        foreach (var day in _days.Keys.Where(d => d < yesterday))
        {
            if (_days.TryRemove(day, out var removed))
            {
                CryptographicOperations.ZeroMemory(removed.Salt);
                removed.Subjects.Clear();
            }
        }
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

/// <summary>Runs <see cref="DailyClientKeys.Purge"/> every hour on the injected clock.</summary>
public sealed class DailyClientKeysPurge(DailyClientKeys keys, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                keys.Purge();
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }
}
