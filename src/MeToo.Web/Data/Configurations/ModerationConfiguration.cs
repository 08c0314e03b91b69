using MeToo.Web.Domain;
using MeToo.Web.Moderation;
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

public sealed class StoryClaimConfiguration : IEntityTypeConfiguration<StoryClaim>
{
    public void Configure(EntityTypeBuilder<StoryClaim> builder)
    {
        builder.ToTable("StoryClaims");
        builder.HasKey(c => c.StoryId);
        builder.Property(c => c.StoryId).ValueGeneratedNever();
        builder.Property(c => c.ClaimedBy).HasMaxLength(256).IsRequired();
        builder.Property(c => c.ClaimedUntilUtc).IsConcurrencyToken();
        builder.HasOne<Story>().WithOne().HasForeignKey<StoryClaim>(c => c.StoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class DailyTallyConfiguration : IEntityTypeConfiguration<MeToo.Web.Support.DailyTally>
{
    public void Configure(EntityTypeBuilder<MeToo.Web.Support.DailyTally> builder)
    {
        builder.ToTable("DailyTallies");
        builder.HasKey(t => new { t.Kind, t.Day, t.Key });
        builder.Property(t => t.Kind).HasMaxLength(10);
        builder.Property(t => t.Key).HasMaxLength(40);
    }
}

public sealed class SupportRankConfiguration : IEntityTypeConfiguration<MeToo.Web.Support.SupportRank>
{
    public void Configure(EntityTypeBuilder<MeToo.Web.Support.SupportRank> builder)
    {
        builder.ToTable("SupportRanks");
        builder.HasKey(r => r.StoryId);
        builder.Property(r => r.StoryId).ValueGeneratedNever();
        builder.HasIndex(r => r.Rank).IsUnique();
        builder.HasOne<Story>().WithOne().HasForeignKey<MeToo.Web.Support.SupportRank>(r => r.StoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SiteSettingsConfiguration : IEntityTypeConfiguration<SiteSettings>
{
    public void Configure(EntityTypeBuilder<SiteSettings> builder)
    {
        builder.ToTable("SiteSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.PauseMessage).HasMaxLength(500);
    }
}

public sealed class ScreeningWordConfiguration : IEntityTypeConfiguration<ScreeningWord>
{
    public void Configure(EntityTypeBuilder<ScreeningWord> builder)
    {
        builder.ToTable("ScreeningWords");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.List).HasConversion<string>().HasMaxLength(10);
        builder.Property(w => w.Text).HasMaxLength(100).IsRequired();
        builder.HasIndex(w => new { w.List, w.Text }).IsUnique();
    }
}
