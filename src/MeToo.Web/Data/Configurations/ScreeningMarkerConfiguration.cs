using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeToo.Web.Data.Configurations;

public sealed class ScreeningMarkerConfiguration : IEntityTypeConfiguration<ScreeningMarker>
{
    public void Configure(EntityTypeBuilder<ScreeningMarker> builder)
    {
        builder.ToTable("ScreeningMarkers");
        builder.HasKey(m => new { m.StoryId, m.Kind });
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(m => m.Kind);
    }
}
