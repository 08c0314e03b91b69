using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeToo.Web.Data.Configurations;

public sealed class StoryConfiguration : IEntityTypeConfiguration<Story>
{
    public void Configure(EntityTypeBuilder<Story> builder)
    {
        // The search index is kept in sync by triggers (migration StorySearch); EF must know they exist.
        builder.ToTable("Stories", table =>
        {
            table.HasTrigger(StorySearchIndex.InsertTrigger);
            table.HasTrigger(StorySearchIndex.UpdateTrigger);
            table.HasTrigger(StorySearchIndex.DeleteTrigger);
        });
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedOnAdd();
        builder.Property(s => s.PublicId).HasMaxLength(PublicId.Length).IsRequired();
        builder.HasIndex(s => s.PublicId).IsUnique();
        builder.Property(s => s.Title).HasMaxLength(Story.TitleMaxLength);
        builder.Property(s => s.Body).HasMaxLength(Story.BodyMaxLength).IsRequired();
        builder.Property(s => s.DisplayName).HasMaxLength(Story.DisplayNameMaxLength);
        builder.Property(s => s.CountryCode).HasMaxLength(2);
        builder.Property(s => s.Language).HasMaxLength(StoryLanguages.CodeMaxLength).IsRequired().HasDefaultValue(StoryLanguages.Default);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.RejectionReason).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.RejectionNote).HasMaxLength(Story.RejectionNoteMaxLength);
        builder.Property(s => s.ModeratorMessage).HasMaxLength(Story.ModeratorMessageMaxLength);
        builder.Property(s => s.ReviewReason).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.ReceiptHash).HasMaxLength(32).IsRequired();
        builder.HasIndex(s => s.ReceiptHash).IsUnique();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.TextHash).HasMaxLength(32);
        builder.HasIndex(s => s.TextHash);
        builder.Ignore(s => s.IsAnonymous);
        builder.Ignore(s => s.Settings);
        builder.Ignore(s => s.Experiences);
        builder.Ignore(s => s.ContentWarnings);
        builder.Ignore(s => s.Content);
        builder.Ignore(s => s.LatestAuthorVersion);
        builder.Ignore(s => s.CanBeEditedByAuthor);
        builder.Ignore(s => s.UnderReview);
        builder.Ignore(s => s.Versions);
        builder.Ignore(s => s.PublishedOnApproval);
        builder.Ignore(s => s.IsErased);

        // Every public list pages newest first by keyset on PublicOrder (the publication day, then
        // the random id): the order reveals nothing about submission order.
        builder.HasIndex(s => s.PublicOrder).IsUnique();
        builder.HasIndex(s => new { s.Status, s.PublicOrder });

        // Browsing one language walks its own stories in the public order, however few they are.
        builder.HasIndex(s => new { s.Status, s.Language, s.PublicOrder });

        // "Most supported" reads this order live, keyset on (SupportCount, PublicId) with a row-value
        // seek (both descending, so one comparison covers the pair).
        builder.HasIndex(s => new { s.Status, s.SupportCount, s.PublicId }).IsDescending(false, true, true);

        builder.HasMany(s => s.Tags).WithOne().HasForeignKey(t => t.StoryId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Tags).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(s => s.Markers).WithOne().HasForeignKey(m => m.StoryId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Markers).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne(s => s.PendingRevision).WithOne().HasForeignKey<StoryRevision>(r => r.StoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
