using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MeToo.Web.Data;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the web host (and without secrets).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.ConfigureSqlite(options, "Data Source=design-time.db");
        return new AppDbContext(options.Options);
    }
}

/// <summary>
/// The same for PostgreSQL (<c>dotnet ef migrations add X --context PostgresDbContext</c>): adding a
/// migration connects to nothing; <c>database update</c> uses <c>METOO_POSTGRES</c> when it is set.
/// </summary>
public sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresDbContext>();
        DatabaseSetup.ConfigurePostgres(options, Environment.GetEnvironmentVariable("METOO_POSTGRES") ?? "Host=localhost;Database=metoo;Username=metoo");
        return new PostgresDbContext(options.Options);
    }
}
