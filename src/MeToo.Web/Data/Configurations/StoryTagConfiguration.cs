using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeToo.Web.Data.Configurations;

public sealed class StoryTagConfiguration : IEntityTypeConfiguration<StoryTag>
{
    public void Configure(EntityTypeBuilder<StoryTag> builder)
    {
        builder.ToTable("StoryTags");
        builder.HasKey(t => new { t.StoryId, t.Kind, t.Key });
        builder.Property(t => t.Key).HasMaxLength(40);
        builder.HasIndex(t => new { t.Kind, t.Key, t.StoryId });
        builder.HasOne<TaxonomyTerm>().WithMany().HasForeignKey(t => new { t.Kind, t.Key }).OnDelete(DeleteBehavior.Restrict);
    }
}
