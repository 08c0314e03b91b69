using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "MeToo";
    public const string DefaultConnectionString = "Data Source=metoo.db";

    /// <summary>
    /// Reads the connection string and resolves a relative SQLite file against the data directory, so
    /// the app finds the same file however it is started. Without a data directory (start-up
    /// validation will stop the app) nothing is resolved. Folders are made only once the app starts.
    /// </summary>
    public static string ResolveSqliteConnectionString(IConfiguration configuration, string? dataDirectory)
    {
        var raw = configuration.GetConnectionString(ConnectionStringName);
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(raw) ? DefaultConnectionString : raw);
        if (dataDirectory is null)
        {
            return builder.ToString();
        }

        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(dataDirectory, builder.DataSource));
        }

        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>Makes the folder of the SQLite file, once start-up checks have passed.</summary>
    public static void EnsureFolder(string connectionString)
    {
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!string.IsNullOrEmpty(file) && file != ":memory:" && Path.GetDirectoryName(file) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString)
    {
        options.UseSqlite(connectionString, sqlite =>
        {
            sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName);
            sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery);
        });
        options.AddInterceptors(new SqlitePragmas());
    }

    /// <summary>
    /// Truncates the write-ahead log so text just deleted or overwritten does not linger in it
    /// (DESIGN.md rule 8). Called at the end of withdrawal, redaction and removal.
    /// </summary>
    public static async Task CheckpointAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }
}
