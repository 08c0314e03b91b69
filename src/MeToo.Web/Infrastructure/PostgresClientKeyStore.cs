using System.Collections.Concurrent;
using System.Security.Cryptography;
using MeToo.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// The once-a-day keys shared by every instance on PostgreSQL, so that a client is counted once
/// however many instances its taps reach. Three <c>UNLOGGED</c> tables (migration
/// <c>SharedClientKeys</c>): never in the write-ahead log, so not in a replica or a point-in-time
/// archive, emptied by a crash, and left out of backups (<c>pg_dump --no-unlogged-table-data</c>).
/// <list type="bullet">
/// <item><c>ClientKeySalts</c>: the day's salt, made by whichever instance needs it first
/// (<c>ON CONFLICT DO NOTHING</c>, then read back, so all agree), stored encrypted with Data
/// Protection — whose keys are encrypted with the certificate from configuration — so the database
/// alone cannot recompute a key from a guessed address.</item>
/// <item><c>ClientKeys</c>: the keyed hashes (128 bits) by day and subject, added with
/// <c>ON CONFLICT DO NOTHING</c>: the insert itself says whether it was the first.</item>
/// <item><c>ClientKeyCounts</c>: how many keys a day holds, for the bound.</item>
/// </list>
/// Days before yesterday are deleted by every instance's hourly purge (idempotent).
/// </summary>
public sealed class PostgresClientKeyStore(IServiceScopeFactory scopes, IDataProtectionProvider protection) : IClientKeyStore
{
    private readonly IDataProtector _salts = protection.CreateProtector("MeToo.ClientKeys.Salt.v1");
    private readonly ConcurrentDictionary<DateOnly, byte[]> _known = new();

    public async Task<byte[]> SaltAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (_known.TryGetValue(day, out var salt))
        {
            return salt;
        }

        var fresh = RandomNumberGenerator.GetBytes(32);
        var sealedSalt = await WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "ClientKeySalts" ("Day", "Salt") VALUES ({day}, {_salts.Protect(fresh)}) ON CONFLICT ("Day") DO NOTHING""", cancellationToken);
            return await db.Database.SqlQuery<byte[]>($"""SELECT "Salt" AS "Value" FROM "ClientKeySalts" WHERE "Day" = {day}""").SingleAsync(cancellationToken);
        });
        CryptographicOperations.ZeroMemory(fresh);
        salt = _salts.Unprotect(sealedSalt);
        return _known.GetOrAdd(day, salt);
    }

    public Task<KeyResult> AddAsync(DateOnly day, string subject, byte[] key, int max, CancellationToken cancellationToken) =>
        WithDbAsync(async db =>
        {
            // The insert says whether it was the first (one row) or a repeat (none).
            var added = await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "ClientKeys" ("Day", "Subject", "Key") VALUES ({day}, {subject}, {key}) ON CONFLICT DO NOTHING""",
                cancellationToken);
            if (added == 0)
            {
                return KeyResult.Again;
            }

            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "ClientKeyCounts" ("Day", "Count") VALUES ({day}, 1) ON CONFLICT ("Day") DO UPDATE SET "Count" = "ClientKeyCounts"."Count" + 1""",
                cancellationToken);
            var count = await db.Database.SqlQuery<int>($"""SELECT "Count" AS "Value" FROM "ClientKeyCounts" WHERE "Day" = {day}""").SingleAsync(cancellationToken);
            if (count <= max)
            {
                return KeyResult.First;
            }

            await db.Database.ExecuteSqlAsync($"""DELETE FROM "ClientKeys" WHERE "Day" = {day} AND "Subject" = {subject} AND "Key" = {key}""", cancellationToken);
            await db.Database.ExecuteSqlAsync($"""UPDATE "ClientKeyCounts" SET "Count" = "Count" - 1 WHERE "Day" = {day}""", cancellationToken);
            return KeyResult.Full;
        });

    public Task ForgetAsync(string subject, CancellationToken cancellationToken) =>
        WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            WITH gone AS (DELETE FROM "ClientKeys" WHERE "Subject" = {subject} RETURNING "Day")
            UPDATE "ClientKeyCounts" c SET "Count" = c."Count" - g.n
            FROM (SELECT "Day", COUNT(*)::int AS n FROM gone GROUP BY "Day") g
            WHERE c."Day" = g."Day"
            """, cancellationToken));

    public Task<int> CountForAsync(string subject) =>
        WithDbAsync(db => db.Database.SqlQuery<int>($"""SELECT COUNT(*)::int AS "Value" FROM "ClientKeys" WHERE "Subject" = {subject}""").SingleAsync());

    public Task<IReadOnlyCollection<DateOnly>> DaysAsync() =>
        WithDbAsync<IReadOnlyCollection<DateOnly>>(async db => await db.Database.SqlQuery<DateOnly>($"""
            SELECT "Day" AS "Value" FROM "ClientKeySalts" UNION SELECT "Day" FROM "ClientKeys" UNION SELECT "Day" FROM "ClientKeyCounts"
            """).ToListAsync());

    public async Task PurgeBeforeAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "ClientKeys" WHERE "Day" < {day}""", cancellationToken);
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "ClientKeyCounts" WHERE "Day" < {day}""", cancellationToken);
            return await db.Database.ExecuteSqlAsync($"""DELETE FROM "ClientKeySalts" WHERE "Day" < {day}""", cancellationToken);
        });
        foreach (var old in _known.Keys.Where(d => d < day))
        {
            if (_known.TryRemove(old, out var salt))
            {
                CryptographicOperations.ZeroMemory(salt);
            }
        }
    }

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        using var scope = scopes.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
