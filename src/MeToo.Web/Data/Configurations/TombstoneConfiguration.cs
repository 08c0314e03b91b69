using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeToo.Web.Data.Configurations;

public sealed class TombstoneConfiguration : IEntityTypeConfiguration<Tombstone>
{
    public void Configure(EntityTypeBuilder<Tombstone> builder)
    {
        builder.ToTable("Tombstones");
        builder.HasKey(t => t.Hash);
        builder.Property(t => t.Hash).HasMaxLength(32);
        builder.HasIndex(t => t.Day);
    }
}
