using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Data;

/// <summary>
/// One connection for the several queries of a page. EF opens and closes the connection around each
/// query, and each open and close passes through the connection pool's lock, which every request
/// shares, and sets SQLite's per-connection functions up again; held, that happens once a page.
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
