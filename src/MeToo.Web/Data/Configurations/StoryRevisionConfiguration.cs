using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeToo.Web.Data.Configurations;

public sealed class StoryRevisionConfiguration : IEntityTypeConfiguration<StoryRevision>
{
    public void Configure(EntityTypeBuilder<StoryRevision> builder)
    {
        builder.ToTable("StoryRevisions");
        builder.HasKey(r => r.StoryId);
        builder.Property(r => r.Title).HasMaxLength(Story.TitleMaxLength);
        builder.Property(r => r.Body).HasMaxLength(Story.BodyMaxLength).IsRequired();
        builder.Property(r => r.DisplayName).HasMaxLength(Story.DisplayNameMaxLength);
        builder.Property(r => r.CountryCode).HasMaxLength(2);
        builder.Property(r => r.Language).HasMaxLength(StoryLanguages.CodeMaxLength).IsRequired().HasDefaultValue(StoryLanguages.Default);
        builder.Property(r => r.Tags).HasMaxLength(2000);
    }
}
