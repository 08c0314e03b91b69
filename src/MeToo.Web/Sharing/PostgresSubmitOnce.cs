using System.Security.Cryptography;
using System.Text;
using MeToo.Web.Data;
using MeToo.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Sharing;

/// <summary>
/// <see cref="SubmitOnce"/> for several instances on PostgreSQL: a retry that reaches another
/// instance must not make a second story. The first submit claims the key in the <c>UNLOGGED</c>
/// table <c>ShareSubmissions</c> (one insert: whoever inserts the row owns the key); a repeat, on
/// any instance, waits for the row's receipt. The row holds a hash of the key and the receipt
/// <b>sealed with the key itself</b> (AES-GCM under a key derived from it), which only the
/// author's browser holds: the database alone can read no receipt. Like everything about authors,
/// the row knows its day only, never a time (privacy rule 2): it lives until the day is over (at
/// most a day, where the memory version keeps half an hour), and a declined or failed submit
/// deletes its row at once.
/// </summary>
public sealed class PostgresSubmitOnce(IServiceScopeFactory scopes, TimeProvider time) : ISubmitOnce
{
    /// <summary>How long a repeat waits for the first submit to finish before it says "try again".</summary>
    public static readonly TimeSpan WaitAtMost = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public async Task<Receipt?> RunAsync(string? key, Func<Task<Receipt?>> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (!SubmitOnce.IsWellFormed(key))
        {
            return await create();
        }

        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(key!));
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var claimed = await WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "ShareSubmissions" WHERE "Day" < {today}""");
            return await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "ShareSubmissions" ("KeyHash", "Day") VALUES ({hash}, {today}) ON CONFLICT ("KeyHash") DO NOTHING""");
        });
        if (claimed == 0)
        {
            return await WaitForFirstAsync(key!, hash, create);
        }

        try
        {
            var receipt = await create();
            await WithDbAsync(db => receipt is null
                ? db.Database.ExecuteSqlAsync($"""DELETE FROM "ShareSubmissions" WHERE "KeyHash" = {hash}""")
                : db.Database.ExecuteSqlAsync($"""UPDATE "ShareSubmissions" SET "SealedReceipt" = {Seal(key!, receipt.Canonical)} WHERE "KeyHash" = {hash}"""));
            return receipt;
        }
        catch
        {
            await WithDbAsync(db => db.Database.ExecuteSqlAsync($"""DELETE FROM "ShareSubmissions" WHERE "KeyHash" = {hash}"""));
            throw;
        }
    }

    private async Task<Receipt?> WaitForFirstAsync(string key, byte[] hash, Func<Task<Receipt?>> create)
    {
        // Waiting is measured on the machine's clock (the injected one says which day it is).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var rows = await WithDbAsync(db => db.Database.SqlQuery<byte[]?>($"""SELECT "SealedReceipt" AS "Value" FROM "ShareSubmissions" WHERE "KeyHash" = {hash}""").ToListAsync());
            if (rows.Count == 0)
            {
                return await RunAsync(key, create); // the first declined or failed: this one may try
            }

            if (rows[0] is { } sealedReceipt && Receipt.TryParse(Open(key, sealedReceipt), out var receipt))
            {
                return receipt;
            }

            if (waited.Elapsed > WaitAtMost)
            {
                return null; // still being made elsewhere: the preview again, to be sent later
            }

            await Task.Delay(Poll);
        }
    }

    /// <summary>nonce (12) | tag (16) | ciphertext, under HKDF-SHA256 of the author's key.</summary>
    private static byte[] Seal(string key, string receipt)
    {
        var plain = Encoding.ASCII.GetBytes(receipt);
        var sealedReceipt = new byte[12 + 16 + plain.Length];
        RandomNumberGenerator.Fill(sealedReceipt.AsSpan(0, 12));
        using var aes = new AesGcm(KeyOf(key), 16);
        aes.Encrypt(sealedReceipt.AsSpan(0, 12), plain, sealedReceipt.AsSpan(28), sealedReceipt.AsSpan(12, 16));
        return sealedReceipt;
    }

    private static string? Open(string key, byte[] sealedReceipt)
    {
        if (sealedReceipt.Length <= 28)
        {
            return null;
        }

        var plain = new byte[sealedReceipt.Length - 28];
        try
        {
            using var aes = new AesGcm(KeyOf(key), 16);
            aes.Decrypt(sealedReceipt.AsSpan(0, 12), sealedReceipt.AsSpan(28), sealedReceipt.AsSpan(12, 16), plain);
            return Encoding.ASCII.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    private static byte[] KeyOf(string key) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromHexString(key), 32, info: Encoding.ASCII.GetBytes("MeToo.SubmitOnce.Receipt.v1"));

    private async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        using var scope = scopes.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
