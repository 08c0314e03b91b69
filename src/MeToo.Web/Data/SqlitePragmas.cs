using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace MeToo.Web.Data;

/// <summary>
/// Runs on every SQLite connection EF opens: WAL for concurrent readers, a busy timeout instead of
/// "database is locked", foreign keys on, and <c>secure_delete</c> so deleted text is overwritten
/// rather than left in free pages (privacy rule 8). Each pooled connection keeps a page cache of
/// its own: <see cref="CacheKibibytes"/>, SQLite's default 2 MB. Smaller caches saved memory (at a
/// million stories under 64 readers, 25 connections: anonymous memory 189 MB with 2 MB each and
/// 119 MB with 256 KB) but cost work: with 256 KB an uncached page of stories cost 19% more CPU, and
/// with 1 MB "most relevant" for a rare word read its ranked window's pages from the operating
/// system again on every search (a window of 123 stories touches the index of the stories and the
/// search index's sizes, about 250 pages: 2.0–2.7 ms with 1 MB, 0.4 ms with 2 MB, docs/performance.md).
/// It also hands FTS5 the ranking function of "most relevant" (<see cref="Fts5Ranking"/>).
/// The settings belong to the physical connection and the pool keeps it open, so they are set once per
/// connection, not on every open: six statements on every open of a pooled connection were a share
/// of every request's CPU.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    /// <summary>The page cache of one connection, in KiB.</summary>
    public const int CacheKibibytes = 2048;

    public static readonly string Statements =
        $"PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -{CacheKibibytes};";

    /// <summary>The physical connections (SQLite's handles) already set up; one that is closed is collected with its handle.</summary>
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is SqliteConnection { Handle: { } handle } && !Configured.TryGetValue(handle, out _))
        {
            Apply(connection);
            Configured.AddOrUpdate(handle, Configured);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is SqliteConnection { Handle: { } handle } && !Configured.TryGetValue(handle, out _))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Statements;
            await command.ExecuteNonQueryAsync(cancellationToken);
            Fts5Ranking.Register((SqliteConnection)connection);
            Configured.AddOrUpdate(handle, Configured);
        }
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection sqlite)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Statements;
            command.ExecuteNonQuery();
            Fts5Ranking.Register(sqlite);
        }
    }
}
