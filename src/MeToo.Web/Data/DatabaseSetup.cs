using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "MeToo";
    public const string DefaultConnectionString = "Data Source=data/metoo.db";

    /// <summary>
    /// Reads the connection string and resolves a relative SQLite file against the content root,
    /// creating its folder, so the app finds the same file however it is started.
    /// </summary>
    public static string ResolveSqliteConnectionString(IConfiguration configuration, string contentRoot)
    {
        var raw = configuration.GetConnectionString(ConnectionStringName);
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(raw) ? DefaultConnectionString : raw);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }

        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        builder.Pooling = true;
        return builder.ToString();
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
