using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Support;

/// <summary>
/// Silent support and "Say #MeToo", counted once per client and day through
/// <see cref="DailyClientKeys"/> (privacy rule 9), and at most a daily cap per address
/// (<see cref="TapLimiter"/>): support increments the story's count in one atomic UPDATE that does
/// not touch its version; both add to a per-day aggregate.
/// </summary>
public sealed class SupportCounter(AppDbContext db, DailyClientKeys keys, TapLimiter taps, Taxonomy taxonomy, TimeProvider time, StoryPageEviction eviction)
{
    public sealed record Counted(bool WasCounted, int Count);

    /// <summary>"I stand with you" for a published story; null when there is no such published story.</summary>
    public async Task<Counted?> SupportAsync(string publicId, HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!await db.Stories.AnyAsync(s => s.PublicId == publicId && s.Status == StoryStatus.Published, cancellationToken))
        {
            return null;
        }

        // A full key store fails open: the reader is thanked as always, and this tap goes uncounted.
        var counted = await keys.RecordAsync(TallyKinds.Support, publicId, context, cancellationToken: cancellationToken) == KeyResult.First && taps.TryTake(context, TallyKinds.Support);
        if (counted)
        {
            // The story's count and the day's tally together or not at all (one commit, too).
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await Tallies.AddSupportAsync(db, publicId, cancellationToken);
            await Tallies.AddAsync(db, TallyKinds.Support, Today, string.Empty, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await eviction.EvictStoryAsync(publicId, cancellationToken);
        }

        var count = await db.Stories.Where(s => s.PublicId == publicId).Select(s => s.SupportCount).SingleOrDefaultAsync(cancellationToken);
        return new Counted(counted, count);
    }

    /// <summary>A #MeToo tap, with the setting the person chose (an unknown one is dropped, not trusted).</summary>
    public async Task<Counted> SayMeTooAsync(string? setting, HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = taxonomy.IsKnown(TaxonomyKind.Setting, setting) ? setting! : string.Empty;
        var counted = await keys.RecordAsync(TallyKinds.MeToo, string.Empty, context, cancellationToken: cancellationToken) == KeyResult.First && taps.TryTake(context, TallyKinds.MeToo);
        if (counted)
        {
            await Tallies.AddAsync(db, TallyKinds.MeToo, Today, key, cancellationToken);
        }

        var total = await db.DailyTallies.Where(t => t.Kind == TallyKinds.MeToo).SumAsync(t => t.Count, cancellationToken);
        return new Counted(counted, total);
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
