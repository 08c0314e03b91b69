using System.Security.Cryptography;

namespace MeToo.Web.Privacy;

/// <summary>
/// Finds the receipt pepper (DESIGN.md rules 7 and 13): from configuration
/// (<c>Privacy:ReceiptPepper</c>, base64, at least 32 bytes), never from the database. On a
/// developer's first run it is generated into a local file outside the database folder.
/// </summary>
public static class ReceiptPepper
{
    public const string ConfigurationKey = "Privacy:ReceiptPepper";
    public const string DevelopmentFile = "secrets/receipt-pepper.key";

    public static byte[] Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[ConfigurationKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Decode(configured, ConfigurationKey);
        }

        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{ConfigurationKey} is not set. Generate one with `openssl rand -base64 32` and pass it as the environment variable Privacy__ReceiptPepper. Losing it makes every receipt useless; keep it out of database backups.");
        }

        var path = Path.Combine(environment.ContentRootPath, DevelopmentFile);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return Decode(File.ReadAllText(path).Trim(), path);
    }

    private static byte[] Decode(string value, string source)
    {
        try
        {
            var bytes = Convert.FromBase64String(value);
            return bytes.Length >= 32
                ? bytes
                : throw new InvalidOperationException($"The receipt pepper in {source} must decode to at least 32 bytes.");
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The receipt pepper in {source} is not valid base64.");
        }
    }
}
