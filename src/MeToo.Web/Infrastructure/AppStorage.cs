using Microsoft.Extensions.Options;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// Where the app keeps its state: the SQLite database, the log files, the Data Protection keys and,
/// in Development, the generated secrets. One folder, configured, required outside Development, and
/// never inside the app's own folder — a redeploy replaces that folder, and losing the pepper there
/// would make every receipt useless.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>An absolute path (or relative to the working folder). Development defaults to <c>data/</c> beside the project.</summary>
    public string? DataDirectory { get; set; }
}

public static class AppStorage
{
    /// <summary>
    /// The content root: the app's own folder, so that it reads its settings files and serves its
    /// static files however it is started — unless one was given (<c>--contentRoot</c>, the
    /// environment) or the app runs from its project folder (<c>dotnet run</c>).
    /// </summary>
    public static string? ContentRootFor(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var given = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        var current = Directory.GetCurrentDirectory();
        var inProject = File.Exists(Path.Combine(current, "MeToo.Web.csproj"));
        var inAppFolder = SamePath(current, AppContext.BaseDirectory);
        return given || inProject || inAppFolder ? null : AppContext.BaseDirectory;
    }

    /// <summary>The data directory as configured (absolute), or Development's default; null when it is missing.</summary>
    public static string? DataDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.DataDirectory)}"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        return environment.IsDevelopment() ? Path.Combine(environment.ContentRootPath, "data") : null;
    }

    /// <summary>A configured path, or the default, resolved inside the data directory when relative.</summary>
    public static string InData(string dataDirectory, string? configured, string defaultRelative) =>
        Path.GetFullPath(Path.Combine(dataDirectory, string.IsNullOrWhiteSpace(configured) ? defaultRelative : configured));

    public static bool IsInside(string path, string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)) + Path.DirectorySeparatorChar;
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)), StringComparison.Ordinal);

    /// <summary>Checks the data directory at start-up (<c>ValidateOnStart</c>): one clear line naming what is wrong and how to fix it.</summary>
    public sealed class Validator(IHostEnvironment environment) : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            if (string.IsNullOrWhiteSpace(options.DataDirectory))
            {
                return environment.IsDevelopment()
                    ? ValidateOptionsResult.Success
                    : ValidateOptionsResult.Fail("Storage:DataDirectory is not set. Create a folder outside the app's own (for example /var/lib/metoo, owned by the app's user, mode 700) and set the environment variable Storage__DataDirectory to it: the database, logs and keys live there.");
            }

            var full = Path.GetFullPath(options.DataDirectory);
            if (IsInside(full, AppContext.BaseDirectory))
            {
                return ValidateOptionsResult.Fail($"Storage:DataDirectory ({full}) is inside the app's own folder ({AppContext.BaseDirectory}); a redeploy would delete the database, the keys and the receipt pepper. Choose a folder outside it.");
            }

            return ValidateOptionsResult.Success;
        }
    }
}
