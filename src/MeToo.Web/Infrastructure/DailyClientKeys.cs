using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// "Once per client, per thing, per day" without tracking anyone (DESIGN.md rule 9): a keyed hash
/// of (the day's salt, purpose, thing, client address, user agent) is remembered in memory for the
/// day. Salts are random, never written anywhere, and rotate at midnight UTC; a day's salt and keys
/// are destroyed once the day is over by more than a day (at most 48 hours after they were made).
/// </summary>
public sealed class DailyClientKeys(TimeProvider time)
{
    private readonly ConcurrentDictionary<DateOnly, Day> _days = new();

    /// <summary>True the first time this client does <paramref name="purpose"/> to <paramref name="subject"/> today.</summary>
    public bool TryRecord(string purpose, string subject, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var day = _days.GetOrAdd(today, _ => new Day());
        var material = Encoding.UTF8.GetBytes(string.Join('\0',
            purpose,
            subject,
            context.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
            context.Request.Headers.UserAgent.ToString()));
        var key = Convert.ToHexString(HMACSHA256.HashData(day.Salt, material));
        return day.Subjects.GetOrAdd(subject, _ => new ConcurrentDictionary<string, byte>()).TryAdd(key, 0);
    }

    /// <summary>Forgets every key about <paramref name="subject"/> (a withdrawn or removed story), on every day kept.</summary>
    public void Forget(string subject)
    {
        foreach (var day in _days.Values)
        {
            day.Subjects.TryRemove(subject, out _);
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

        /// <summary>The day's keys, by what they are about (a story's public id, or empty for #MeToo).</summary>
        public ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> Subjects { get; } = new(StringComparer.Ordinal);
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
