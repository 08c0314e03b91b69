namespace MeToo.Benchmarks;

/// <summary>How long and how often the harness measures, and at which sizes.</summary>
public sealed record HarnessSettings(IReadOnlyList<int> Sizes, double Seconds, double WarmUpSeconds, int Rounds, bool Smoke, IReadOnlySet<string> Only);
