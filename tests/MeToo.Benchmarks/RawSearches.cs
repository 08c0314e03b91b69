using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace MeToo.Benchmarks;

/// <summary>
/// The floor of the "pages while others search" target on this machine: the searches' queries run by
/// SQLite alone, without the app, on as many threads as the app searches on and in the same idle
/// scheduling class, until the process is killed. The pages the harness asks meanwhile are the app's
/// (no search of the app's runs), so their wait is what a core busy with idle-class search work costs
/// a page here: what any server that searches at that priority would cost it. It does not use the
/// app's code (as the raw server does not): it ranks with FTS5's own <c>bm25()</c>, dearer than the
/// app's ranking, which changes how much each search costs but not that its thread keeps a core busy.
/// </summary>
public static class RawSearches
{
    /// <summary>Linux's <c>SCHED_IDLE</c>, as the app's search threads use it.</summary>
    private const int SchedIdle = 5;

    /// <summary>Runs until killed; each search is words joined by '+', as in a query string.</summary>
    public static void Run(string database, int threads, IReadOnlyList<string> searches)
    {
        var matches = searches.Select(s => string.Join(' ', s.Split('+').Select(word => "\"" + word + "\""))).ToList();
        var workers = Enumerable.Range(0, threads).Select(i => new Thread(() => Loop(database, matches, i)) { Name = "raw-search-" + i }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
    }

    private static void Loop(string database, List<string> matches, int offset)
    {
        if (OperatingSystem.IsLinux())
        {
            var parameters = 0;
            _ = SetScheduler(GetThreadId(), SchedIdle, ref parameters);
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA cache_size = -2048;"; // the app's page cache per connection
            pragma.ExecuteNonQuery();
        }

        for (var n = offset; ; n++)
        {
            var match = matches[n % matches.Count];
            var positions = new List<long>();
            using (var command = connection.CreateCommand())
            {
                // Alternately newest first (the index's first rows) and "most relevant" (a window of 1,000 ranked).
                command.CommandText = n % 2 == 0
                    ? "SELECT -rowid FROM StoriesFts WHERE StoriesFts MATCH @m ORDER BY rowid LIMIT 21"
                    : "SELECT Position FROM (SELECT -rowid AS Position, bm25(StoriesFts) AS Score FROM StoriesFts WHERE StoriesFts MATCH @m ORDER BY rowid LIMIT 1000) ORDER BY Score LIMIT 21";
                command.Parameters.AddWithValue("@m", match);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    positions.Add(reader.GetInt64(0));
                }
            }

            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"SELECT s.Id, s.Title, s.Body, (SELECT group_concat(t.Key) FROM StoryTags t WHERE t.StoryId = s.Id) FROM Stories s WHERE s.PublicOrder IN ({string.Join(',', positions.DefaultIfEmpty(0))})";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    _ = reader.GetString(2);
                }
            }
        }
    }

    [DllImport("libc", EntryPoint = "sched_setscheduler")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetScheduler(int pid, int policy, ref int parameters);

    [DllImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetThreadId();
}
