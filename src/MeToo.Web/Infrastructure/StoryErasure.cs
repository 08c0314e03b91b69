using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// Carries out <see cref="Story.Erase"/> (privacy rule 8), the one way a story leaves the
/// database: the author's withdrawal, a moderator's removal and the retention job all end here.
/// The row goes with everything tied to it (cascades and the search-index trigger), the staff
/// audit keeps no reference to it, the write-ahead log is truncated, cached public pages are
/// evicted and the story's once-a-day support and report keys are forgotten. A keyed-hash
/// <see cref="Tombstone"/> is kept, in the same transaction, so that restoring a backup taken
/// before the erasure cannot bring the story back (<see cref="RestoreCommand"/>).
/// </summary>
public sealed class StoryErasure(AppDbContext db, DailyClientKeys keys, StoryPageEviction eviction, ReceiptHasher hasher, TimeProvider time)
{
    /// <summary>
    /// Erases <paramref name="story"/> (tracked by this context). Anything the caller added to the
    /// context first — a moderator's audit entry — is saved in the same transaction. Throws
    /// <see cref="DbUpdateConcurrencyException"/>, with nothing changed, if the story moved on since it was read.
    /// </summary>
    public async Task EraseAsync(Story story, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(story);
        story.Erase();
        db.Stories.Remove(story);
        db.Tombstones.Add(new Tombstone(hasher.Tombstone(story.PublicId), Today));
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.StaffAudit.Where(e => e.StoryPublicId == story.PublicId)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.StoryPublicId, (string?)null), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await AfterAsync([story.PublicId], cancellationToken);
    }

    /// <summary>
    /// Erases many stories at once (the retention job): those matching <paramref name="which"/>,
    /// with the same guarantees as <see cref="EraseAsync"/>. Returns how many went.
    /// </summary>
    public async Task<int> EraseWhereAsync(System.Linq.Expressions.Expression<Func<Story, bool>> which, CancellationToken cancellationToken = default)
    {
        List<string> publicIds;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            publicIds = await db.Stories.Where(which).Select(s => s.PublicId).ToListAsync(cancellationToken);
            if (publicIds.Count == 0)
            {
                return 0;
            }

            await db.StaffAudit.Where(e => e.StoryPublicId != null && publicIds.Contains(e.StoryPublicId))
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.StoryPublicId, (string?)null), cancellationToken);
            await db.Stories.Where(s => publicIds.Contains(s.PublicId)).ExecuteDeleteAsync(cancellationToken);
            db.Tombstones.AddRange(publicIds.Select(id => new Tombstone(hasher.Tombstone(id), Today)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await AfterAsync(publicIds, cancellationToken);
        return publicIds.Count;
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private async Task AfterAsync(IReadOnlyCollection<string> publicIds, CancellationToken cancellationToken)
    {
        await DatabaseSetup.CheckpointAsync(db, cancellationToken);
        foreach (var publicId in publicIds)
        {
            await keys.ForgetAsync(publicId, cancellationToken);
        }

        await eviction.EvictAsync(cancellationToken);
    }
}
