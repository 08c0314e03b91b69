using System.Diagnostics;
using System.Net;
using MeToo.Tests.Harness;
using MeToo.Web.Infrastructure;
using MeToo.Web.Moderation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeToo.Tests.Data;

/// <summary>
/// The <c>backup</c> and <c>restore</c> commands on the configured engine (issue 13): a consistent
/// copy while the app serves, without keys, salts or once-a-day keys, never next to the database;
/// and a restore that never brings back a story withdrawn after the backup was taken.
/// </summary>
public sealed class BackupTests : IDisposable
{
    private readonly MeTooFactory _app = new();
    private readonly string _elsewhere = Directory.CreateTempSubdirectory("metoo-backups-").FullName;

    public void Dispose()
    {
        _app.Dispose();
        Directory.Delete(_elsewhere, recursive: true);
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] command)
    {
        using var scope = _app.Services.CreateScope();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var found = scope.ServiceProvider.GetServices<IOperatorCommand>().Single(c => c.Name == command[0]);
        var exit = await found.RunAsync(command[1..], TextReader.Null, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<(string PublicId, string Receipt, string Body, HttpClient Moderator)> PublishedAsync(string what)
    {
        var body = $"It happened at the {what} and nobody there said a word about it. {Guid.NewGuid():N}";
        var (publicId, receipt) = await ModerationJourney.SharedStoryAsync(_app, body);
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app);
        Assert.True(ModerationJourney.WentToQueue(await ModerationJourney.ApproveAsync(moderator, publicId)));
        return (publicId, receipt, body, moderator);
    }

    /// <summary>The tables a backup holds data for: the dump's table of contents, or the copy's tables with rows.</summary>
    private async Task<List<string>> TablesWithDataAsync(string backup)
    {
        if (_app.Engine == DatabaseEngine.Postgres)
        {
            using var list = Process.Start(new ProcessStartInfo("pg_restore", ["--list", backup]) { RedirectStandardOutput = true })!;
            var contents = await list.StandardOutput.ReadToEndAsync();
            await list.WaitForExitAsync();
            return contents.Split('\n').Where(l => l.Contains(" TABLE DATA public ", StringComparison.Ordinal))
                .Select(l => l.Split(" TABLE DATA public ")[1].Split(' ')[0]).ToList();
        }

        await using var copy = new SqliteConnection($"Data Source={backup};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync();
        var tables = new List<string>();
        await using (var names = copy.CreateCommand())
        {
            names.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            await using var reader = await names.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var withRows = new List<string>();
        foreach (var table in tables)
        {
            await using var count = copy.CreateCommand();
            count.CommandText = $"SELECT EXISTS (SELECT 1 FROM \"{table}\")";
            if ((long)(await count.ExecuteScalarAsync())! == 1)
            {
                withRows.Add(table);
            }
        }

        return withRows;
    }

    [Fact]
    public async Task ABackup_TakenWhileTheAppServes_HoldsTheStories_ButNoKeysSaltsOrOnceADayKeys()
    {
        var (publicId, _, body, _) = await PublishedAsync("office party");
        var reader = _app.CreateClient();
        reader.DefaultRequestHeaders.Add(MeTooFactory.ClientAddressHeader, "203.0.113.77");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/stories/{publicId}")).StatusCode);
        await reader.PostAsync($"/stories/{publicId}/support", new FormUrlEncodedContent([]));
        var backup = Path.Combine(_elsewhere, "metoo.backup");

        var (exit, output, error) = await RunAsync("backup", "--to", backup);

        Assert.True(exit == 0, error);
        Assert.Contains("Backed up 1 stories", output, StringComparison.Ordinal);
        Assert.Contains("30 days", output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup));
        }

        var tables = await TablesWithDataAsync(backup);
        Assert.Contains("Stories", tables);
        Assert.Contains("AspNetRoles", tables);
        if (_app.Engine == DatabaseEngine.Postgres)
        {
            // The live database holds each of them, so leaving them out is the backup's doing.
            foreach (var secret in new[] { "ClientKeys", "ClientKeySalts", "ShareSubmissions", "DataProtectionKeys" })
            {
                var holdsRows = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SELECT EXISTS (SELECT 1 FROM \"{secret}\") AS \"Value\"");
                Assert.True(await _app.WithDbAsync(db => db.Database.SqlQueryRaw<bool>(holdsRows).SingleAsync()), $"the live {secret} is empty");
                Assert.DoesNotContain(secret, tables);
            }
        }
        else
        {
            Assert.Contains(body, System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(backup)), StringComparison.Ordinal);
            Assert.DoesNotContain(tables, t => t.Contains("Key", StringComparison.OrdinalIgnoreCase) && !t.StartsWith("AspNet", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// The audit's finding: <c>backup --to</c> compared paths before resolving links, so a link to the
    /// data directory (or a link planted at the file's name) put the backup next to the database.
    /// </summary>
    [Fact]
    public async Task ABackup_SeesThroughLinks_IntoTheDataDirectory_AndNeverFollowsALinkAtItsName()
    {
        var linkToData = Path.Combine(_elsewhere, "looks-elsewhere");
        Directory.CreateSymbolicLink(linkToData, _app.Folder);
        var deeper = Path.Combine(_elsewhere, "deeper");
        Directory.CreateSymbolicLink(deeper, _elsewhere); // a link to a link to the data directory
        var planted = Path.Combine(_app.Folder, "planted.backup");
        var linkAtName = Path.Combine(_elsewhere, "named.backup");
        File.CreateSymbolicLink(linkAtName, planted); // a dangling link at the file's name, into the data directory

        var throughLink = await RunAsync("backup", "--to", Path.Combine(linkToData, "metoo.backup"));
        var throughTwo = await RunAsync("backup", "--to", Path.Combine(deeper, "looks-elsewhere", "other.backup"));
        var atLink = await RunAsync("backup", "--to", linkAtName);

        Assert.Equal(1, throughLink.Exit);
        Assert.Contains("inside the data directory", throughLink.Error, StringComparison.Ordinal);
        Assert.Equal(1, throughTwo.Exit);
        Assert.Contains("inside the data directory", throughTwo.Error, StringComparison.Ordinal);
        Assert.Equal(1, atLink.Exit);
        Assert.Contains("already exists", atLink.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_app.Folder, "*.backup"));
        Assert.False(File.Exists(planted));
    }

    [Fact]
    public void TheBackupFile_IsMadeSoThatALinkPlantedAtItsNameAfterTheChecks_IsNotFollowed()
    {
        var planted = Path.Combine(_app.Folder, "redirected.backup");
        var name = Path.Combine(_elsewhere, "late.backup");
        File.CreateSymbolicLink(name, planted); // as if planted between the checks and the write

        Assert.ThrowsAny<IOException>(() => Backups.CreateNew(name));
        Assert.False(File.Exists(planted));

        using (var made = Backups.CreateNew(Path.Combine(_elsewhere, "fresh.backup")))
        {
            Assert.Equal(0, made.Length);
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_elsewhere, "fresh.backup")));
        }
    }

    [Fact]
    public async Task ABackup_RefusesTheDataDirectory_AndAnExistingFile_AndWritesNothing()
    {
        var inData = Path.Combine(_app.Folder, "metoo.backup");
        var existing = Path.Combine(_elsewhere, "taken.backup");
        await File.WriteAllTextAsync(existing, "an earlier backup");

        var nextToDatabase = await RunAsync("backup", "--to", inData);
        var overwrite = await RunAsync("backup", "--to", existing);
        var usage = await RunAsync("backup");

        Assert.Equal(1, nextToDatabase.Exit);
        Assert.Contains("inside the data directory", nextToDatabase.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(inData));
        Assert.Equal(1, overwrite.Exit);
        Assert.Contains("never overwrites", overwrite.Error, StringComparison.Ordinal);
        Assert.Equal("an earlier backup", await File.ReadAllTextAsync(existing));
        Assert.Equal(2, usage.Exit);
    }

    [Fact]
    public async Task ARestore_BringsBackTheBackup_ButNotAStoryWithdrawnAfterItWasTaken()
    {
        var kept = await PublishedAsync("bus stop");
        var withdrawn = await PublishedAsync("night shift");
        var backup = Path.Combine(_elsewhere, "before-withdrawal.backup");
        Assert.Equal(0, (await RunAsync("backup", "--to", backup)).Exit);
        var author = _app.CreateClient();
        Assert.NotNull((await MyStoryJourney.WithdrawAsync(author, withdrawn.Receipt)).QuerySelector("h1#withdrawn"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Stories.CountAsync(s => s.PublicId == withdrawn.PublicId)));

        var refused = await RunAsync("restore", "--from", backup); // no --yes: nothing replaced
        var (exit, output, error) = await RunAsync("restore", "--from", backup, "--yes");

        Assert.Equal(2, refused.Exit);
        Assert.True(exit == 0, error);
        Assert.Contains("Restored 1 stories", output, StringComparison.Ordinal);
        Assert.Contains("1 withdrawn or removed after the backup was taken erased again", output, StringComparison.Ordinal);
        var reader = _app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/stories/{kept.PublicId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/stories/{withdrawn.PublicId}")).StatusCode);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Tombstones.CountAsync()));
        foreach (var (file, bytes) in await Files.DatabaseFilesAsync(_app))
        {
            Assert.False(Files.Contains(bytes, withdrawn.Body), $"the withdrawn story's text is back in {file}");
            Assert.True(Files.Contains(bytes, kept.Body) || file.EndsWith("-wal", StringComparison.Ordinal) || file.EndsWith("-shm", StringComparison.Ordinal), $"the kept story is not in {file}");
        }

        // A moderator signed in before the restore still is: the live key ring was kept.
        var queue = await kept.Moderator.GetAsync("/moderation");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);

        // The author's receipt finds nothing: the story is gone for good.
        var status = await MyStoryJourney.OpenAsync(author, withdrawn.Receipt);
        Assert.DoesNotContain(withdrawn.Body, status.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATombstone_NamesNoStory_AndGoesOnceNoBackupCanHoldTheStory()
    {
        var (publicId, receipt, _, _) = await PublishedAsync("school trip");
        await MyStoryJourney.WithdrawAsync(_app.CreateClient(), receipt);

        var tombstone = await _app.WithDbAsync(db => db.Tombstones.SingleAsync());
        var contents = await Files.DatabaseFilesAsync(_app);
        _app.Time.Advance(TimeSpan.FromDays(31));
        await RetentionAsync();
        var afterThirtyOneDays = await _app.WithDbAsync(db => db.Tombstones.CountAsync());
        _app.Time.Advance(TimeSpan.FromDays(1));
        await RetentionAsync();
        var afterThirtyTwoDays = await _app.WithDbAsync(db => db.Tombstones.CountAsync());

        Assert.Equal(32, tombstone.Hash.Length);
        Assert.All(contents, file => Assert.False(Files.Contains(file.Value, publicId), $"the withdrawn story's id is in {file.Key}"));
        Assert.Equal(1, afterThirtyOneDays); // backups are kept 30 days, and a day's margin
        Assert.Equal(0, afterThirtyTwoDays);

        // Our own run (on PostgreSQL the hourly service, woken by the clock, may hold the turn a moment).
        async Task RetentionAsync()
        {
            for (var attempt = 0; attempt < 50; attempt++)
            {
                using var scope = _app.Services.CreateScope();
                if (!(await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync()).RunningElsewhere)
                {
                    return;
                }

                await Task.Delay(100);
            }

            Assert.Fail("the retention run never had its turn");
        }
    }
}
