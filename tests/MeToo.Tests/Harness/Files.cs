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

    /// <summary>The database file, its write-ahead log and its shared-memory index.</summary>
    public static async Task<Dictionary<string, byte[]>> DatabaseFilesAsync(string databasePath)
    {
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
