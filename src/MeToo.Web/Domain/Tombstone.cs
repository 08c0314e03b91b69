namespace MeToo.Web.Domain;

/// <summary>
/// What is left of an erased story — withdrawn, removed or purged — for as long as backups live:
/// a keyed hash of its public id (HMAC under a key derived from the receipt pepper, which is not in
/// the database) and the day it went. A restore deletes every story of the backup whose hash is
/// here, so a withdrawal made after a backup was taken survives the restore. Without the pepper the
/// hash cannot be matched to a public id seen elsewhere.
/// </summary>
public sealed class Tombstone
{
    private Tombstone()
    {
        Hash = [];
    }

    public Tombstone(byte[] hash, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(hash);
        Hash = hash;
        Day = day;
    }

    public byte[] Hash { get; private set; }

    public DateOnly Day { get; private set; }
}
