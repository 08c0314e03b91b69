namespace MeToo.Benchmarks;

/// <summary>
/// How long and how often the harness measures, and at which sizes; with <see cref="Postgres"/> (a
/// connection string to a server, as a role that may create databases) the app runs on PostgreSQL.
/// </summary>
public sealed record HarnessSettings(IReadOnlyList<int> Sizes, double Seconds, double WarmUpSeconds, int Rounds, bool Smoke, IReadOnlySet<string> Only, string? Postgres = null);

/// <summary>
/// The runtime's environment of a deployed instance (docs/operations.md, "The process"), given to the
/// app and to the raw baseline alike, so a ratio measures code and not configuration.
/// </summary>
public static class DeployedRuntime
{
    /// <summary>
    /// The smallest gen0 budget, 32 MB: on a virtual machine that hides its CPU caches (as this one
    /// does) the GC falls back to a budget of about 2 MB and collects 28 times a second at light load.
    /// Only an environment variable sets it (the runtime reads no runtimeconfig.json name for it).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["DOTNET_GCgen0size"] = "0x2000000",
    };
}
