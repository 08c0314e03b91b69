using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeToo.Web.Data.Configurations;

public sealed class SupportRankSnapshotConfiguration : IEntityTypeConfiguration<SupportRankSnapshot>
{
    public void Configure(EntityTypeBuilder<SupportRankSnapshot> builder)
    {
        builder.ToTable("SupportRankSnapshots");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}
