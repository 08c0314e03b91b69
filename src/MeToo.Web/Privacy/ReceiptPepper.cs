using System.Security.Cryptography;

namespace MeToo.Web.Privacy;

/// <summary>
/// The receipt pepper (privacy rules 7 and 13) comes from configuration
/// (<c>Privacy:ReceiptPepper</c>), never from the database. On a developer's first run it is
/// generated into a file in the data directory, outside the database.
/// </summary>
public static class ReceiptPepper
{
    public const string DevelopmentFile = "secrets/receipt-pepper.key";

    /// <summary>The developer's pepper: read from <paramref name="path"/>, made there on the first run.</summary>
    public static string ForDevelopment(string path, string? movedFrom = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path) && movedFrom is not null && File.Exists(movedFrom))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(movedFrom, path);
        }

        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return File.ReadAllText(path).Trim();
    }

    public static bool TryDecode(string? value, out byte[] pepper)
    {
        pepper = [];
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var buffer = new byte[value.Length];
        if (!Convert.TryFromBase64String(value.Trim(), buffer, out var written) || written < 32)
        {
            return false;
        }

        pepper = buffer[..written];
        return true;
    }

    public static byte[] Decode(string? value) =>
        TryDecode(value, out var pepper) ? pepper : throw new InvalidOperationException("Privacy:ReceiptPepper must be base64 of at least 32 bytes.");
}
