using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MeToo.Web.Infrastructure;

/// <summary>Where the PostgreSQL tools are; the defaults find them on the path.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    public string PgDump { get; set; } = "pg_dump";

    public string PgRestore { get; set; } = "pg_restore";
}

/// <summary>
/// <c>backup --to FILE</c>: a consistent copy of the database while the app runs — SQLite's
/// <c>VACUUM INTO</c> (a compact copy: no free pages holding deleted text), or <c>pg_dump</c> in its
/// custom format. Left out: the receipt pepper and the certificate (never in the database), the
/// once-a-day keys and their salts and the share form's submit-once keys (<c>UNLOGGED</c> tables on
/// PostgreSQL, memory on SQLite) and the Data Protection key ring. Refuses to write inside the data
/// directory or next to the database file, and never overwrites a file.
/// </summary>
public sealed class BackupCommand(AppDbContext db, IOptions<StorageOptions> storage, IOptions<PrivacyOptions> privacy, IOptions<BackupOptions> tools) : IOperatorCommand
{
    public string Name => "backup";

    public async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var to = CommandLine.ValueOf(args, "--to");
        if (string.IsNullOrWhiteSpace(to))
        {
            await stderr.WriteLineAsync("usage: backup --to FILE   (a new file on other storage than the database's)");
            return 2;
        }

        // Every link in the path is followed before the checks, and the file is then made so that it
        // cannot follow a link planted at its name after them; the copy is written through that file.
        var target = Backups.Resolved(Path.GetFullPath(to));
        if (Backups.RefusalFor(target, db, storage.Value.DataDirectory) is { } refusal)
        {
            await stderr.WriteLineAsync("backup refused: " + refusal);
            return 1;
        }

        FileStream file;
        try
        {
            file = Backups.CreateNew(target);
        }
        catch (IOException exception)
        {
            await stderr.WriteLineAsync($"backup refused: {target} could not be made as a new file ({exception.Message}); a backup never overwrites anything and never follows a link.");
            return 1;
        }

        var started = Stopwatch.StartNew();
        var stories = await db.Stories.CountAsync(cancellationToken);
        await using (file)
        {
            if (db.Database.IsNpgsql())
            {
                var arguments = new[]
                {
                    "--format=custom", "--no-owner", "--no-privileges",
                    "--no-unlogged-table-data", // the once-a-day keys, their salts, the submit-once keys
                    "--exclude-table-data=\"DataProtectionKeys\"", // the key ring stays with the live database
                };
                var (exit, error) = await Backups.RunPostgresToolAsync(tools.Value.PgDump, arguments, db, cancellationToken, output: file);
                if (exit != 0)
                {
                    await file.DisposeAsync();
                    File.Delete(target);
                    await stderr.WriteLineAsync("backup failed: " + error);
                    return 1;
                }
            }
            else
            {
                await using var connection = new SqliteConnection(db.Database.GetConnectionString());
                await connection.OpenAsync(cancellationToken);
                await using var vacuum = connection.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $target";
                vacuum.Parameters.AddWithValue("$target", Backups.ThroughHandle(file, target));
                await vacuum.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Backed up {stories} stories to {target} in {started.Elapsed.TotalSeconds:0.0} s. Keep it encrypted and for no more than {privacy.Value.BackupRetentionDays} days (Privacy:BackupRetentionDays): authors are told a withdrawn story lives in backups that long."));
        return 0;
    }
}

/// <summary>
/// <c>restore --from FILE --yes</c>: replaces the database with a backup (stop every instance
/// first), then erases again every story withdrawn, removed or purged since — their tombstones are
/// read from the database being replaced and kept in the restored one — so a restore never brings
/// back a story its author took away. The live key ring is kept too (backups leave it out).
/// </summary>
public sealed class RestoreCommand(IServiceScopeFactory scopes, AppDbContext db, ReceiptHasher hasher, IOptions<BackupOptions> tools) : IOperatorCommand
{
    public string Name => "restore";

    public async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var from = CommandLine.ValueOf(args, "--from");
        if (string.IsNullOrWhiteSpace(from) || !args.Contains("--yes", StringComparer.Ordinal))
        {
            await stderr.WriteLineAsync("usage: restore --from FILE --yes   (replaces the database: stop every instance of the app first)");
            return 2;
        }

        var source = Path.GetFullPath(from);
        if (!File.Exists(source))
        {
            await stderr.WriteLineAsync($"restore refused: {source} does not exist.");
            return 1;
        }

        // What must outlive the replaced database: its tombstones (and, on PostgreSQL, its key ring).
        var tombstones = await db.Tombstones.AsNoTracking().ToListAsync(cancellationToken);
        var keyRing = db is PostgresDbContext postgres ? await postgres.DataProtectionKeys.AsNoTracking().ToListAsync(cancellationToken) : [];

        var failure = db.Database.IsNpgsql()
            ? await RestorePostgresAsync(source, cancellationToken)
            : await RestoreSqliteAsync(source, cancellationToken);
        if (failure is not null)
        {
            await stderr.WriteLineAsync("restore failed: " + failure);
            return 1;
        }

        var (stories, erased) = await ApplyAsync(tombstones, keyRing, cancellationToken);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Restored {stories} stories from {source}; {erased} withdrawn or removed after the backup was taken erased again ({tombstones.Count} tombstones kept)."));
        if (tombstones.Count == 0)
        {
            await stdout.WriteLineAsync("The replaced database held no tombstones. If it was lost rather than damaged, stories withdrawn after this backup was taken may be back: restore the newest backup, whose tombstones reach furthest.");
        }

        return 0;
    }

    private async Task<string?> RestoreSqliteAsync(string source, CancellationToken cancellationToken)
    {
        await using (var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            await backup.OpenAsync(cancellationToken);
            await using var check = backup.CreateCommand();
            check.CommandText = "SELECT (SELECT quick_check FROM pragma_quick_check) || '/' || (SELECT count(*) FROM sqlite_master WHERE name IN ('Stories', 'Tombstones', '__EFMigrationsHistory'))";
            string? answer;
            try
            {
                answer = (string?)await check.ExecuteScalarAsync(cancellationToken);
            }
            catch (SqliteException exception)
            {
                return $"{source} is not a SQLite database ({exception.SqliteErrorCode}).";
            }

            if (answer != "ok/3")
            {
                return $"{source} is not a whole MeToo backup (check: {answer}).";
            }
        }

        var database = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var incoming = database + ".restoring";
        File.Copy(source, incoming, overwrite: true);
        Backups.OwnerOnly(incoming);
        await DatabaseSetup.CheckpointAsync(db, cancellationToken);
        await db.Database.CloseConnectionAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(database + "-wal"); // the replaced file's log must never be replayed into the backup
        File.Delete(database + "-shm");
        File.Move(incoming, database, overwrite: true);
        return null;
    }

    private async Task<string?> RestorePostgresAsync(string source, CancellationToken cancellationToken)
    {
        await db.Database.CloseConnectionAsync();
        NpgsqlConnection.ClearAllPools();
        var database = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).Database;
        var (exit, error) = await Backups.RunPostgresToolAsync(tools.Value.PgRestore,
            ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--dbname=" + database, source], db, cancellationToken);
        NpgsqlConnection.ClearAllPools();
        return exit == 0 ? null : error;
    }

    private async Task<(int Stories, int Erased)> ApplyAsync(List<Tombstone> tombstones, List<DataProtectionKey> keyRing, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var restored = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var gone = tombstones.Select(t => Convert.ToHexString(t.Hash)).ToHashSet(StringComparer.Ordinal);
        var back = new List<string>();
        await foreach (var publicId in restored.Stories.AsNoTracking().Select(s => s.PublicId).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (gone.Contains(Convert.ToHexString(hasher.Tombstone(publicId))))
            {
                back.Add(publicId);
            }
        }

        var erased = back.Count == 0 ? 0 : await scope.ServiceProvider.GetRequiredService<StoryErasure>().EraseWhereAsync(s => back.Contains(s.PublicId), cancellationToken);

        // Keep every tombstone for its lifetime, so a later restore of an older backup is safe too.
        var kept = (await restored.Tombstones.Select(t => t.Hash).ToListAsync(cancellationToken)).Select(Convert.ToHexString).ToHashSet(StringComparer.Ordinal);
        restored.Tombstones.AddRange(tombstones.Where(t => !kept.Contains(Convert.ToHexString(t.Hash))).Select(t => new Tombstone(t.Hash, t.Day)));
        if (restored is PostgresDbContext postgres && !await postgres.DataProtectionKeys.AnyAsync(cancellationToken))
        {
            postgres.DataProtectionKeys.AddRange(keyRing.Select(k => new DataProtectionKey { FriendlyName = k.FriendlyName, Xml = k.Xml }));
        }

        await restored.SaveChangesAsync(cancellationToken);
        if (restored.Database.IsNpgsql())
        {
            await restored.Database.ExecuteSqlRawAsync($"VACUUM {PostgresVacuum.Tables}", cancellationToken); // the erased text, now
        }

        return (await restored.Stories.CountAsync(cancellationToken), erased);
    }
}

public static class Backups
{
    /// <summary>
    /// Why a backup may not be written to <paramref name="target"/> (a path whose links are resolved,
    /// <see cref="Resolved"/>), or null. The data directory and the database's folder are compared
    /// with their links resolved too: a link into either, anywhere in either path, is seen through.
    /// </summary>
    public static string? RefusalFor(string target, AppDbContext db, string? dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(db);
        var folder = Path.GetDirectoryName(target)!;
        if (dataDirectory is not null && AppStorage.IsInside(target, Resolved(Path.GetFullPath(dataDirectory))))
        {
            return $"{target} is inside the data directory ({dataDirectory}), next to the database. A backup belongs on other storage, so one lost disk does not take both, and one stolen folder does not hold both.";
        }

        if (db.Database.IsSqlite() && new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource is { Length: > 0 } file
            && AppStorage.IsInside(target, Resolved(Path.GetDirectoryName(Path.GetFullPath(file))!)))
        {
            return $"{target} is next to the database file. A backup belongs on other storage.";
        }

        if (File.Exists(target) || Directory.Exists(target) || new FileInfo(target).LinkTarget is not null)
        {
            return $"{target} already exists; a backup never overwrites anything. Name a new file.";
        }

        return Directory.Exists(folder) ? null : $"the folder {folder} does not exist.";
    }

    /// <summary>
    /// <paramref name="path"/> (absolute) with every symbolic link in its folders followed to where it
    /// leads, as the system will when the file is made; its last part stays as written (a link there
    /// is refused as an existing file, never followed).
    /// </summary>
    public static string Resolved(string path)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var root = Path.GetPathRoot(full)!;
        var parts = full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var current = root;
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            if (i < parts.Length - 1 && new FileInfo(next).LinkTarget is not null)
            {
                var final = new FileInfo(next).ResolveLinkTarget(returnFinalTarget: true);
                next = final is null ? next : Resolved(final.FullName);
            }

            current = next;
        }

        return current;
    }

    /// <summary>
    /// Makes <paramref name="path"/> as a new, empty file readable by its owner only. It fails if
    /// anything is at that name, a link included (<c>O_CREAT | O_EXCL</c>, which never follows one),
    /// so a link planted after the checks cannot redirect the backup.
    /// </summary>
    public static FileStream CreateNew(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }

    /// <summary>
    /// Where SQLite should write a copy into <paramref name="file"/>: on Linux the open file itself
    /// (<c>/proc/self/fd/N</c>), so nothing done to the path after it was made can redirect the copy.
    /// </summary>
    public static string ThroughHandle(FileStream file, string path)
    {
        ArgumentNullException.ThrowIfNull(file);
        var descriptor = $"/proc/self/fd/{file.SafeFileHandle.DangerousGetHandle()}";
        return OperatingSystem.IsLinux() && File.Exists(descriptor) ? descriptor : path;
    }

    /// <summary>Readable by its owner only: a backup holds unpublished stories.</summary>
    public static void OwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>
    /// Runs <c>pg_dump</c> or <c>pg_restore</c> against the app's database; the connection goes in
    /// the environment (the password never on a command line other users can see).
    /// </summary>
    public static async Task<(int Exit, string Error)> RunPostgresToolAsync(string tool, IEnumerable<string> arguments, AppDbContext db, CancellationToken cancellationToken, Stream? output = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(db);
        var connection = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = connection.Database ?? connection.Username;
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGPASSWORD"] = connection.Password;
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            if (output is null)
            {
                await process.StandardOutput.ReadToEndAsync(cancellationToken);
            }
            else
            {
                await process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
            }

            await process.WaitForExitAsync(cancellationToken);
            return (process.ExitCode, (await error).Trim());
        }
        catch (Win32Exception)
        {
            return (127, $"{tool} was not found. Install PostgreSQL's client tools of the server's major version (Debian: apt-get install postgresql-client) or set Backup:{(tool.Contains("restore", StringComparison.Ordinal) ? nameof(BackupOptions.PgRestore) : nameof(BackupOptions.PgDump))} to its path.");
        }
    }
}
