using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeToo.Web.Data.Configurations;

public sealed class SupportRankConfiguration : IEntityTypeConfiguration<SupportRank>
{
    public void Configure(EntityTypeBuilder<SupportRank> builder)
    {
        builder.ToTable("SupportRanks");
        builder.HasKey(r => r.StoryId);
        builder.Property(r => r.StoryId).ValueGeneratedNever();
        builder.HasIndex(r => r.Rank).IsUnique();
        builder.HasOne<Story>().WithOne().HasForeignKey<SupportRank>(r => r.StoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
