using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeToo.Web.Data.Configurations;

public sealed class ScreeningWordConfiguration : IEntityTypeConfiguration<ScreeningWord>
{
    public void Configure(EntityTypeBuilder<ScreeningWord> builder)
    {
        builder.ToTable("ScreeningWords");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.List).HasConversion<string>().HasMaxLength(10);
        builder.Property(w => w.Text).HasMaxLength(100).IsRequired();
        builder.Property(w => w.Language).HasMaxLength(StoryLanguages.CodeMaxLength).IsRequired().HasDefaultValue(ScreeningWord.EveryLanguage);
        builder.HasIndex(w => new { w.Language, w.List, w.Text }).IsUnique();
    }
}
