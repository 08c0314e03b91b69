using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeToo.Web.Data.Configurations;

public sealed class SupportRankConfiguration : IEntityTypeConfiguration<SupportRank>
{
    public void Configure(EntityTypeBuilder<SupportRank> builder)
    {
        builder.ToTable("SupportRanks");
        builder.HasKey(r => new { r.Generation, r.Rank });
        builder.HasIndex(r => r.StoryId);
        builder.HasOne<Story>().WithMany().HasForeignKey(r => r.StoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
