using MeToo.Web.Domain;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<StaffUser>(options)
{
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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
