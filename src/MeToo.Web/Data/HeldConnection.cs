using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Data;

/// <summary>
/// One connection for the several queries of a page. EF opens and closes the connection around each
/// query; each open and close passes through the connection pool's lock, which every request shares
/// (under 16 readers of the uncached page of stories the pool's lock was the largest single cost of its
/// queries; docs/performance.md). Holding it also sets SQLite's per-connection functions up once.
/// Nested holds are counted by EF: the connection closes when the outermost one ends.
/// </summary>
public static class HeldConnection
{
    public static async Task<Hold> HoldConnectionAsync(this DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new Hold(db);
    }

    public readonly struct Hold(DbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await db.Database.CloseConnectionAsync();
    }
}
