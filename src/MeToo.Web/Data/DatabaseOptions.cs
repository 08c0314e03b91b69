using Microsoft.Extensions.Options;

namespace MeToo.Web.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>
    /// <c>Sqlite</c> (the default: one file in the data directory, one machine) or <c>Postgres</c>
    /// (several app instances on one database; connection string <c>ConnectionStrings:MeTooPostgres</c>).
    /// </summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>
    /// PostgreSQL only: the most connections one instance opens (a smaller <c>Maximum Pool Size</c> in
    /// the connection string wins). Requests beyond it wait for one. Keep N instances × (this + 2)
    /// below the server's <c>max_connections</c> minus its reserved slots (docs/operations.md).
    /// </summary>
    public int PoolSize { get; set; } = 20;

    /// <summary>Apply migrations at start-up. Operators who migrate by hand turn this off.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seed demo stories on an empty database (Development only).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>
    /// A query EF Core warns about (<see cref="DatabaseSetup.QueryWarningEvents"/>) throws instead of
    /// logging: on in Development and in the tests, so such a query cannot ship.
    /// </summary>
    public bool FailOnQueryWarnings { get; set; }

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>The provider named, and a connection string for PostgreSQL when it is the one.</summary>
    public sealed class Validator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
    {
        public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            if (!string.Equals(options.Provider, Sqlite, StringComparison.OrdinalIgnoreCase) && !options.IsPostgres)
            {
                return ValidateOptionsResult.Fail($"Database:Provider is \"{options.Provider}\"; it must be \"{Sqlite}\" (the default) or \"{Postgres}\".");
            }

            if (options.PoolSize < 1)
            {
                return ValidateOptionsResult.Fail($"Database:PoolSize is {options.PoolSize}; it must be at least 1 (the default is 20).");
            }

            if (options.IsPostgres && string.IsNullOrWhiteSpace(configuration.GetConnectionString(DatabaseSetup.PostgresConnectionStringName)))
            {
                return ValidateOptionsResult.Fail($"Database:Provider is \"{Postgres}\" but ConnectionStrings:{DatabaseSetup.PostgresConnectionStringName} is not set. Set it to the database's connection string, e.g. \"Host=db;Database=metoo;Username=metoo;Password=...\" (docs/operations.md).");
            }

            return ValidateOptionsResult.Success;
        }
    }
}
