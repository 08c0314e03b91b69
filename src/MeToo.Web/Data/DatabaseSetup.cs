using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace MeToo.Web.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "MeToo";
    public const string DefaultConnectionString = "Data Source=metoo.db";
    public const string PostgresConnectionStringName = "MeTooPostgres";

    /// <summary>
    /// Registers the app's context for the configured engine: <see cref="AppDbContext"/> on SQLite,
    /// <see cref="PostgresDbContext"/> (served as <see cref="AppDbContext"/>) on PostgreSQL. Pooled: the
    /// options are built once and contexts are reused, instead of both being made for every request.
    /// Returns the SQLite connection string (its folder is made once start-up checks pass), or null.
    /// </summary>
    public static string? AddAppDatabase(IServiceCollection services, IConfiguration configuration, string? dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.IsPostgres)
        {
            var postgres = BoundedPool(configuration.GetConnectionString(PostgresConnectionStringName) ?? string.Empty, options.PoolSize);
            services.AddDbContextPool<AppDbContext, PostgresDbContext>(o => QueryWarnings(ConfigurePostgres(o, postgres), options));
            // The same pooled context under its own type, for what only PostgreSQL has (the shared key ring).
            services.AddScoped(provider => (PostgresDbContext)provider.GetRequiredService<AppDbContext>());
            return null;
        }

        var sqlite = ResolveSqliteConnectionString(configuration, dataDirectory);
        services.AddDbContextPool<AppDbContext>(o => QueryWarnings(ConfigureSqlite(o, sqlite), options));
        return sqlite;
    }

    /// <summary>
    /// The connection string with its pool held to <paramref name="poolSize"/> (or the smaller size it
    /// names): past the pool, requests wait their turn for a connection (Npgsql's <c>Timeout</c>)
    /// instead of opening more than the server has slots for — which failed requests with
    /// "remaining connection slots are reserved" under 200 readers at once.
    /// </summary>
    public static string BoundedPool(string connectionString, int poolSize)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        builder.MaxPoolSize = Math.Min(builder.MaxPoolSize, Math.Max(poolSize, 1));
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);
        return builder.ConnectionString;
    }

    /// <summary>Whether the configuration names PostgreSQL (before the options exist, for registrations).</summary>
    public static bool UsesPostgres(IConfiguration configuration) =>
        (configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).IsPostgres;

    /// <summary>
    /// EF Core's warnings about a query whose answer may not be what it seems (a row limit without an
    /// order, a first row without an order, a collection compared with null...). Where
    /// <c>Database:FailOnQueryWarnings</c> is on — in Development and in every test — such a query
    /// throws instead, so it is fixed before it ships; in production it would only be a log line,
    /// and one raised by an author's request never reaches a log at all (AuthorRequests).
    /// </summary>
    public static readonly EventId[] QueryWarningEvents =
    [
        CoreEventId.RowLimitingOperationWithoutOrderByWarning,
        CoreEventId.FirstWithoutOrderByAndFilterWarning,
        CoreEventId.DistinctAfterOrderByWithoutRowLimitingOperatorWarning,
        CoreEventId.PossibleUnintendedCollectionNavigationNullComparisonWarning,
        CoreEventId.PossibleUnintendedReferenceComparisonWarning,
        CoreEventId.NavigationBaseIncludeIgnored,
        CoreEventId.StringEnumValueInJson,
        RelationalEventId.MultipleCollectionIncludeWarning,
    ];

    private static DbContextOptionsBuilder QueryWarnings(DbContextOptionsBuilder builder, DatabaseOptions options) =>
        options.FailOnQueryWarnings ? builder.ConfigureWarnings(w => w.Throw(QueryWarningEvents)) : builder;

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseNpgsql(connectionString, postgres =>
        {
            postgres.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName);
            postgres.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery);
            postgres.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter); // as on SQLite, below
        });
        return options;
    }

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

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseSqlite(connectionString, sqlite =>
        {
            sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName);
            sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery);
            // A list of ids as one parameter (json_each / = ANY): the SQL is the same for any list, so EF
            // caches it. As one parameter per id, EF made that query's SQL afresh on every call, under a
            // lock all requests share (seen in the profile of the uncached page of stories).
            sqlite.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter);
        });
        options.AddInterceptors(new SqlitePragmas());
        return options;
    }

    /// <summary>
    /// Truncates the write-ahead log so text just deleted or overwritten does not linger in it
    /// (privacy rule 8); on PostgreSQL, asks <see cref="PostgresVacuum"/> for a vacuum of the story tables. Called at the end of every decision, withdrawal, redaction and removal.
    /// SQLite answers <c>busy</c> when a reader still holds the log open: then the checkpoint is
    /// tried again, a few times, and the failure is said (without any detail of what was deleted).
    /// </summary>
    public static async Task<bool> CheckpointAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsNpgsql())
        {
            // PostgreSQL keeps dead row versions instead: a vacuum of the story tables is asked for.
            db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<PostgresVacuum>()?.Request();
            return true;
        }

        if (!db.Database.IsSqlite())
        {
            return true;
        }

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var result = await db.Database.SqlQueryRaw<CheckpointResult>("PRAGMA wal_checkpoint(TRUNCATE)").ToListAsync(cancellationToken);
            if (result is [{ Busy: 0 }])
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50 * (attempt + 1)), cancellationToken);
        }

        db.GetService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup)).LogWarning("The write-ahead log could not be truncated (the database was busy); deleted text may stay in it until the next checkpoint");
        return false;
    }

    /// <summary>What <c>PRAGMA wal_checkpoint</c> answers: busy (1 when it could not finish), pages in the log, pages moved.</summary>
    public sealed record CheckpointResult(int Busy, int Log, int Checkpointed);
}
