using System.Buffers.Binary;
using System.Globalization;
using MeToo.Tests.Harness;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Tests.PrivacyRules;

/// <summary>
/// privacy rules 1, 2, 6 and 8, checked where they matter: in the raw bytes of the database
/// file, its WAL and shared-memory files, and the log files.
/// </summary>
public sealed class RawBytesTests : IDisposable
{
    private const string Address = "203.0.113.195";
    private const string UserAgent = "DistinctiveAgent/7.7 (RawBytesScan; zx81)";
    private const string ForwardedFor = "198.51.100.77";
    private const string Referrer = "https://referrer.example/secret-page-4417";

    // The bytes of SQLite's file and log, on either suite run; PostgreSQL's pages are its own (docs/privacy.md).
    private readonly MeTooFactory _app = new(DatabaseEngine.Sqlite);

    public void Dispose() => _app.Dispose();

    private HttpClient Client()
    {
        var client = _app.CreateClientFrom(Address, UserAgent);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ForwardedFor);
        client.DefaultRequestHeaders.Referrer = new Uri(Referrer);
        return client;
    }

    /// <summary>Every way the distinctive clock time (13:37:21 UTC) could have been written down.</summary>
    private static IEnumerable<(string What, byte[] Bytes)> TimeTraces()
    {
        var now = MeTooFactory.DefaultNow;
        var seconds = now.ToUnixTimeSeconds();
        var millis = now.ToUnixTimeMilliseconds();
        byte[] Long(long value)
        {
            var bytes = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            return bytes;
        }

        foreach (var text in new[] { "13:37", "133721", "1:37 PM", seconds.ToString(CultureInfo.InvariantCulture), millis.ToString(CultureInfo.InvariantCulture), now.UtcTicks.ToString(CultureInfo.InvariantCulture) })
        {
            yield return (text, System.Text.Encoding.UTF8.GetBytes(text));
        }

        yield return ("unix seconds as int64", Long(seconds));
        yield return ("unix milliseconds as int64", Long(millis));
        yield return ("ticks as int64", Long(now.UtcTicks));
        yield return ("julian day as double", BitConverter.GetBytes(now.UtcDateTime.ToOADate() + 2415018.5));
    }

    [Fact]
    public async Task AnAnonymousStory_LeavesNoAddressAgentForwardedForReferrerReceiptOrTime_InTheDatabaseFilesOrLogs()
    {
        var client = Client();
        var body = $"A story shared to test what is written to disk. {Guid.NewGuid():N}";

        var receipt = await Journeys.ShareAndGetReceiptAsync(client, body);
        await MyStoryJourney.OpenAsync(client, receipt);
        await client.GetAsync("/stories");

        Assert.Equal(1, await _app.WithDbAsync(db => db.Stories.CountAsync(s => s.Body == body)));
        var canonical = receipt.Replace("-", "");
        var secrets = new[] { Address, UserAgent, "DistinctiveAgent", ForwardedFor, Referrer, "secret-page-4417", receipt, canonical };
        var addressBytes = System.Net.IPAddress.Parse(Address).GetAddressBytes();

        var databaseFiles = await Files.DatabaseFilesAsync(_app);
        Assert.True(databaseFiles.Values.Any(b => Files.Contains(b, body)), "the scan must read the files the story went to");
        foreach (var (file, bytes) in databaseFiles)
        {
            foreach (var secret in secrets)
            {
                Assert.False(Files.Contains(bytes, secret), $"{file} contains {secret}");
                Assert.False(Files.Contains(bytes, System.Text.Encoding.Unicode.GetBytes(secret)), $"{file} contains {secret} as UTF-16");
            }

            Assert.False(Files.Contains(bytes, addressBytes), $"{file} contains the address as bytes");
            foreach (var (what, trace) in TimeTraces())
            {
                Assert.False(Files.Contains(bytes, trace), $"{file} contains the submission time ({what})");
            }
        }

        var logs = await Eventually.WaitForAsync(() => Files.ReadFolderText(_app.LogFolder), t => t.Contains("GET /stories", StringComparison.Ordinal));
        Assert.Contains("GET /stories", logs);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, logs);
        }
    }

    [Fact]
    public async Task AWithdrawnStory_IsFoundNowhereInTheDatabaseFileOrItsWal()
    {
        var client = Client();
        var phrase = $"unrepeatable-phrase-{Guid.NewGuid():N}";
        var body = $"This published story holds a phrase that must vanish: {phrase}. It is long enough.";
        var receipt = await Journeys.ShareAndGetReceiptAsync(client, body, ("Draft.Title", "Title " + phrase));
        await _app.WithDbAsync(async db =>
        {
            var story = await db.Stories.Include(s => s.Tags).SingleAsync(s => s.Body == body);
            story.Approve(DateOnly.FromDateTime(MeTooFactory.DefaultNow.UtcDateTime));
            await db.SaveChangesAsync();
        });
        await client.GetStringAsync("/stories");
        var before = await Files.DatabaseFilesAsync(_app);
        Assert.True(before.Values.Any(b => Files.Contains(b, phrase)), "the phrase should be on disk before withdrawal");

        await MyStoryJourney.WithdrawAsync(client, receipt);

        foreach (var (file, bytes) in await Files.DatabaseFilesAsync(_app))
        {
            Assert.False(Files.Contains(bytes, phrase), $"{file} still holds the withdrawn phrase");
        }
    }

    [Fact]
    public async Task AStoryTakenDownForEditing_LeavesItsOldTextNowhereOnDisk()
    {
        var client = Client();
        var phrase = $"identifying-detail-{Guid.NewGuid():N}";
        var body = $"A published story whose author removes a detail: {phrase}. Long enough to be a story.";
        var receipt = await Journeys.ShareAndGetReceiptAsync(client, body);
        await _app.WithDbAsync(async db =>
        {
            var story = await db.Stories.Include(s => s.Tags).SingleAsync(s => s.Body == body);
            story.Approve(DateOnly.FromDateTime(MeTooFactory.DefaultNow.UtcDateTime));
            await db.SaveChangesAsync();
        });

        await MyStoryJourney.EditAsync(client, receipt, ("Draft.Body", "The same story without the detail, which is long enough to keep."), ("TakeDownNow", "true"));

        foreach (var (file, bytes) in await Files.DatabaseFilesAsync(_app))
        {
            Assert.False(Files.Contains(bytes, phrase), $"{file} still holds the old text");
        }
    }
}
