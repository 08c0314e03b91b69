using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeToo.Web.Data.Configurations;

public sealed class TranslationReportConfiguration : IEntityTypeConfiguration<TranslationReport>
{
    public void Configure(EntityTypeBuilder<TranslationReport> builder)
    {
        builder.ToTable("TranslationReports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Language).HasMaxLength(StoryLanguages.CodeMaxLength).IsRequired();
        builder.Property(r => r.Page).HasMaxLength(TranslationReport.PageMaxLength).IsRequired();
        builder.Property(r => r.Wrong).HasMaxLength(TranslationReport.TextMaxLength).IsRequired();
        builder.Property(r => r.Better).HasMaxLength(TranslationReport.TextMaxLength);
    }
}
