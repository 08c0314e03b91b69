using MeToo.Web.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace MeToo.Web.Data;

/// <summary>
/// The app's model on PostgreSQL, with its own migrations (<c>Data/Migrations/Postgres</c>). What
/// only this engine has: the search vector of every story (a stored generated column, indexed by
/// GIN for published stories only; <see cref="PostgresSearch"/>), and public ids compared byte by
/// byte (collation <c>C</c>), so ties are broken in the same order as on SQLite; and the Data
/// Protection key ring, shared by every instance (each key encrypted with the certificate from
/// configuration, never from the database: <c>KeyProtection</c>).
/// </summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : AppDbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Story>(story =>
        {
            story.Property(s => s.PublicId).UseCollation("C");
            story.Property<NpgsqlTsVector>(PostgresSearch.Column)
                .HasComputedColumnSql(PostgresSearch.VectorOfStory, stored: true);
            story.HasIndex(PostgresSearch.Column)
                .HasMethod("gin")
                .HasFilter("\"Status\" = 'Published'")
                .HasDatabaseName(PostgresSearch.Index);
        });
    }
}
