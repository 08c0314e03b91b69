using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeToo.Web.Data.Configurations;

/// <summary>What the staff account adds to Identity's user.</summary>
public sealed class StaffUserConfiguration : IEntityTypeConfiguration<StaffUser>
{
    public void Configure(EntityTypeBuilder<StaffUser> builder) =>
        builder.Property(u => u.Languages).HasMaxLength(StaffUser.LanguagesMaxLength).IsRequired().HasDefaultValue(string.Empty);
}
