using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeToo.Web.Data.Configurations;

public sealed class StoryReportConfiguration : IEntityTypeConfiguration<StoryReport>
{
    public void Configure(EntityTypeBuilder<StoryReport> builder)
    {
        builder.ToTable("StoryReports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Reason).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Note).HasMaxLength(StoryReport.NoteMaxLength);
        builder.HasOne<Story>().WithMany().HasForeignKey(r => r.StoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.StoryId);
    }
}
