namespace MeToo.Benchmarks;

/// <summary>
/// How long and how often the harness measures, and at which sizes; with <see cref="Postgres"/> (a
/// connection string to a server, as a role that may create databases) the app runs on PostgreSQL.
/// </summary>
public sealed record HarnessSettings(IReadOnlyList<int> Sizes, double Seconds, double WarmUpSeconds, int Rounds, bool Smoke, IReadOnlySet<string> Only, string? Postgres = null);
