using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public DbSet<Story> Stories => Set<Story>();

    public DbSet<StoryTag> StoryTags => Set<StoryTag>();

    public DbSet<TaxonomyTerm> TaxonomyTerms => Set<TaxonomyTerm>();

    public DbSet<ScreeningMarker> ScreeningMarkers => Set<ScreeningMarker>();

    public DbSet<StoryRevision> StoryRevisions => Set<StoryRevision>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
