using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeToo.Web.Data.Configurations;

public sealed class StaffAuditEntryConfiguration : IEntityTypeConfiguration<StaffAuditEntry>
{
    public void Configure(EntityTypeBuilder<StaffAuditEntry> builder)
    {
        builder.ToTable("StaffAudit");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Actor).HasMaxLength(256).IsRequired();
        builder.Property(e => e.ActorRole).HasMaxLength(20);
        builder.Property(e => e.Action).HasMaxLength(40).IsRequired();
        builder.Property(e => e.Target).HasMaxLength(256);
        builder.Property(e => e.StoryPublicId).HasMaxLength(16);
        builder.Property(e => e.ReasonCode).HasMaxLength(40);
        builder.HasIndex(e => e.AtUtc);
    }
}
