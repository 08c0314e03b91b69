namespace MeToo.Tests.Harness;

public static class Files
{
    /// <summary>Reads a file the app may hold open (the database, its WAL, a log).</summary>
    public static async Task<byte[]> ReadSharedAsync(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }

    /// <summary>Every file of a folder (the log folder) as text, read while the app may be writing.</summary>
    public static string ReadFolderText(string folder) =>
        !Directory.Exists(folder)
            ? string.Empty
            : string.Concat(Directory.GetFiles(folder).Select(f => System.Text.Encoding.UTF8.GetString(ReadSharedAsync(f).GetAwaiter().GetResult())));

    /// <summary>
    /// What the app's database holds: on SQLite its file, write-ahead log and shared-memory index; on
    /// PostgreSQL every row of every table (<see cref="MeTooFactory.DatabaseContentsAsync"/>).
    /// </summary>
    public static async Task<Dictionary<string, byte[]>> DatabaseFilesAsync(MeTooFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Engine == DatabaseEngine.Postgres)
        {
            return new() { ["every row of the PostgreSQL database"] = System.Text.Encoding.UTF8.GetBytes(await app.DatabaseContentsAsync()) };
        }

        var databasePath = app.DatabasePath;
        var files = new Dictionary<string, byte[]>();
        foreach (var path in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            files[Path.GetFileName(path)] = await ReadSharedAsync(path);
        }

        return files;
    }

    public static bool Contains(byte[] haystack, string needle) =>
        Contains(haystack, System.Text.Encoding.UTF8.GetBytes(needle));

    public static bool Contains(byte[] haystack, byte[] needle) =>
        needle.Length > 0 && haystack.AsSpan().IndexOf(needle) >= 0;
}
