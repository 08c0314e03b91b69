using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Data;

/// <summary>The per-day aggregates of support and #MeToo taps (privacy rule 9): counts, never rows per person.</summary>
public static class Tallies
{
    /// <summary>One atomic upsert: the day's row is created or incremented, never read first.</summary>
    public static Task AddAsync(AppDbContext db, string kind, DateOnly day, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "DailyTallies" ("Kind", "Day", "Key", "Count") VALUES ({kind}, {day}, {key}, 1) ON CONFLICT ("Kind", "Day", "Key") DO UPDATE SET "Count" = "DailyTallies"."Count" + 1""",
            cancellationToken);
    }

    /// <summary>Adds one support to a published story's count, in one atomic UPDATE that leaves its version alone.</summary>
    public static Task<int> AddSupportAsync(AppDbContext db, string publicId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Stories
            .Where(s => s.PublicId == publicId && s.Status == StoryStatus.Published)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.SupportCount, s => s.SupportCount + 1), cancellationToken);
    }
}
