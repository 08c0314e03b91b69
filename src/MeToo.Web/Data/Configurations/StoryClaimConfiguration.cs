using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeToo.Web.Data.Configurations;

public sealed class StoryClaimConfiguration : IEntityTypeConfiguration<StoryClaim>
{
    public void Configure(EntityTypeBuilder<StoryClaim> builder)
    {
        builder.ToTable("StoryClaims");
        builder.HasKey(c => c.StoryId);
        builder.Property(c => c.StoryId).ValueGeneratedNever();
        builder.Property(c => c.ClaimedBy).HasMaxLength(256).IsRequired();
        builder.Property(c => c.ClaimedUntilUtc).IsConcurrencyToken();
        builder.HasOne<Story>().WithOne().HasForeignKey<StoryClaim>(c => c.StoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
