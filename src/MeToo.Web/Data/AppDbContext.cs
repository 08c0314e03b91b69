using MeToo.Web.Domain;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Data;

/// <summary>
/// The one model of the app. On SQLite (the default) this type is the context; on PostgreSQL its
/// subclass <see cref="PostgresDbContext"/> is, so each engine keeps its own migrations
/// (<c>Data/Migrations/Sqlite</c>, <c>Data/Migrations/Postgres</c>) for the same model.
/// </summary>
public class AppDbContext : IdentityDbContext<StaffUser>
{
    public AppDbContext(DbContextOptions<AppDbContext> options)
        : base(options)
    {
    }

    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Story> Stories => Set<Story>();

    public DbSet<StoryTag> StoryTags => Set<StoryTag>();

    public DbSet<TaxonomyTerm> TaxonomyTerms => Set<TaxonomyTerm>();

    public DbSet<ScreeningMarker> ScreeningMarkers => Set<ScreeningMarker>();

    public DbSet<StoryRevision> StoryRevisions => Set<StoryRevision>();

    public DbSet<StaffAuditEntry> StaffAudit => Set<StaffAuditEntry>();

    public DbSet<StoryReport> StoryReports => Set<StoryReport>();

    public DbSet<StoryClaim> StoryClaims => Set<StoryClaim>();

    public DbSet<DailyTally> DailyTallies => Set<DailyTally>();

    public DbSet<SiteSettings> SiteSettings => Set<SiteSettings>();

    public DbSet<ScreeningWord> ScreeningWords => Set<ScreeningWord>();

    public DbSet<TranslationReport> TranslationReports => Set<TranslationReport>();

    public DbSet<Tombstone> Tombstones => Set<Tombstone>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
