using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeToo.Web.Data.Configurations;

public sealed class DailyTallyConfiguration : IEntityTypeConfiguration<DailyTally>
{
    public void Configure(EntityTypeBuilder<DailyTally> builder)
    {
        builder.ToTable("DailyTallies");
        builder.HasKey(t => new { t.Kind, t.Day, t.Key });
        builder.Property(t => t.Kind).HasMaxLength(10);
        builder.Property(t => t.Key).HasMaxLength(40);
    }
}
