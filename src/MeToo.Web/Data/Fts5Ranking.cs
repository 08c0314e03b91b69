using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MeToo.Web.Data;

/// <summary>
/// <c>metoo_bm25(StoriesFts, idf1, idf2, …)</c>: FTS5's own BM25 (k1 = 1.2, b = 0.75, every column
/// weighted 1), with each phrase's inverse document frequency given by the caller instead of counted.
/// FTS5's <c>bm25()</c> counts the stories that hold each word over the whole index on every query —
/// for two common words at a million stories, 19 of a ranked search's 21 ms (decision 0022) — while
/// "most relevant" ranks a window of the newest matches: the caller estimates each word's frequency
/// from the newest stories (<c>StorySearch.RelevanceSample</c>), a bounded count. The function reads
/// only what FTS5 hands it for the row being ranked (where each phrase occurs, the row's length in
/// tokens and the index's average), like <c>bm25()</c> does.
/// <para>
/// FTS5 takes ranking functions through its <c>fts5_api</c>, which SQLite hands out only as a pointer
/// bound to <c>SELECT fts5(?1)</c> (<c>sqlite3_bind_pointer</c>); Microsoft.Data.Sqlite and SQLitePCLRaw
/// do not bind pointers, so the two calls go to the bundled SQLite library itself, the same one they
/// load. Registered once per physical connection (<see cref="SqlitePragmas"/>).
/// </para>
/// </summary>
public static unsafe class Fts5Ranking
{
    public const string FunctionName = "metoo_bm25";

    private const double K1 = 1.2;
    private const double B = 0.75;
    private const int SqliteOk = 0;
    private const int SqliteRow = 100;

    private const string Library = "e_sqlite3";

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_bind_pointer(IntPtr statement, int index, void* pointer, byte* type, IntPtr destructor);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern double sqlite3_value_double(IntPtr value);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern void sqlite3_result_double(IntPtr context, double result);

    [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern void sqlite3_result_error_code(IntPtr context, int code);

    /// <summary>The start of FTS5's <c>fts5_api</c> (its layout is fixed: members are only ever added at the end).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5Api
    {
        public int Version;
        public IntPtr CreateTokenizer;
        public IntPtr FindTokenizer;
        public delegate* unmanaged[Cdecl]<Fts5Api*, byte*, IntPtr, delegate* unmanaged[Cdecl]<ExtensionApi*, IntPtr, IntPtr, int, IntPtr*, void>, IntPtr, int> CreateFunction;
    }

    /// <summary>The start of FTS5's <c>Fts5ExtensionApi</c>, to the members this function uses.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ExtensionApi
    {
        public int Version;
        public IntPtr UserData;
        public IntPtr ColumnCount;
        public delegate* unmanaged[Cdecl]<IntPtr, long*, int> RowCount;
        public delegate* unmanaged[Cdecl]<IntPtr, int, long*, int> ColumnTotalSize;
        public IntPtr Tokenize;
        public delegate* unmanaged[Cdecl]<IntPtr, int> PhraseCount;
        public IntPtr PhraseSize;
        public delegate* unmanaged[Cdecl]<IntPtr, int*, int> InstCount;
        public delegate* unmanaged[Cdecl]<IntPtr, int, int*, int*, int*, int> Inst;
        public IntPtr Rowid;
        public IntPtr ColumnText;
        public delegate* unmanaged[Cdecl]<IntPtr, int, int*, int> ColumnSize;
    }

    /// <summary>Makes <see cref="FunctionName"/> known to FTS5 on this open connection.</summary>
    public static void Register(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(handle, "SELECT fts5(?1)", out sqlite3_stmt statement);
        if (rc != SqliteOk)
        {
            throw new InvalidOperationException($"FTS5 is not available: {raw.sqlite3_errmsg(handle).utf8_to_string()}");
        }

        using (statement)
        {
            Fts5Api* api = null;
            fixed (byte* type = "fts5_api_ptr\0"u8)
            {
                rc = sqlite3_bind_pointer(statement.DangerousGetHandle(), 1, &api, type, IntPtr.Zero);
            }

            if (rc != SqliteOk || raw.sqlite3_step(statement) != SqliteRow || api is null)
            {
                throw new InvalidOperationException("FTS5 did not hand out its programming interface.");
            }

            fixed (byte* name = "metoo_bm25\0"u8)
            {
                rc = api->CreateFunction(api, name, IntPtr.Zero, &Rank, IntPtr.Zero);
            }

            if (rc != SqliteOk)
            {
                throw new InvalidOperationException($"FTS5 refused the ranking function ({rc}).");
            }
        }
    }

    /// <summary>The BM25 score of the current row, negated (lower is better, as <c>bm25()</c>).</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Rank(ExtensionApi* api, IntPtr fts, IntPtr context, int valueCount, IntPtr* values)
    {
        var phrases = api->PhraseCount(fts);
        long rows = 0, totalTokens = 0;
        int instances = 0, rowTokens = 0;
        // Column -1 is every column together.
        if (api->RowCount(fts, &rows) != SqliteOk || api->ColumnTotalSize(fts, -1, &totalTokens) != SqliteOk
            || api->ColumnSize(fts, -1, &rowTokens) != SqliteOk || api->InstCount(fts, &instances) != SqliteOk)
        {
            sqlite3_result_error_code(context, 1);
            return;
        }

        // How often each phrase occurs in the row, over every column (FTS5 keeps at most a few phrases: the reader's words).
        Span<double> frequency = stackalloc double[Math.Clamp(phrases, 0, 64)];
        for (var i = 0; i < instances; i++)
        {
            int phrase = 0, column = 0, offset = 0;
            if (api->Inst(fts, i, &phrase, &column, &offset) != SqliteOk)
            {
                sqlite3_result_error_code(context, 1);
                return;
            }

            if ((uint)phrase < (uint)frequency.Length) // nothing out of range may throw here: it would end the process
            {
                frequency[phrase]++;
            }
        }

        var averageLength = rows > 0 ? (double)totalTokens / rows : 1;
        var lengthFactor = K1 * (1 - B + (B * rowTokens / averageLength));
        var score = 0d;
        for (var phrase = 0; phrase < frequency.Length && phrase < valueCount; phrase++)
        {
            var idf = sqlite3_value_double(values[phrase]);
            score += idf * (frequency[phrase] * (K1 + 1) / (frequency[phrase] + lengthFactor));
        }

        sqlite3_result_double(context, -score);
    }

    /// <summary>
    /// BM25's inverse document frequency of a word found in <paramref name="holding"/> of
    /// <paramref name="stories"/> stories, as FTS5 computes it (never below a millionth, so a word in
    /// most stories still counts a little).
    /// </summary>
    public static double InverseDocumentFrequency(long stories, long holding)
    {
        var idf = Math.Log((stories - holding + 0.5) / (holding + 0.5));
        return idf <= 0 ? 1e-6 : idf;
    }
}
