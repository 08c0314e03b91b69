using System.Runtime.CompilerServices;

namespace MeToo.Tests.Harness;

/// <summary>
/// Every test class starts its own host; each would watch its configuration and content files with
/// inotify, and Linux allows 128 watchers per user by default. Tests never change those files, so
/// configuration is not reloaded and file providers poll instead of watching.
/// </summary>
internal static class TestEnvironment
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }
}
