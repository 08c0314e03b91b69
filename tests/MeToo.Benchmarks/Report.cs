using System.Globalization;
using System.Text;

namespace MeToo.Benchmarks;

/// <summary>The results table for docs/performance.md: each row a figure, what it is compared with, and the target.</summary>
public sealed class Report(HarnessSettings settings)
{
    private readonly List<(int Size, string What, string Measured, string Against, double? Ratio, double? Target, bool? Met)> _rows = [];
    private readonly List<string> _notes = [];

    /// <summary>Set when something the harness checks is wrong (errors under load, pages that differ).</summary>
    public bool Broken { get; private set; }

    public void Row(int size, string what, string measured, string against = "", double? ratio = null, double? target = null, bool lowerIsBetter = true)
    {
        bool? met = ratio is { } r && target is { } t ? (lowerIsBetter ? r <= t : r >= t) : null;
        _rows.Add((size, what, measured, against, ratio, target, met));
        Console.Error.WriteLine($"  {size:N0} · {what}: {measured}{(against.Length > 0 ? " vs " + against : string.Empty)}{(ratio is { } x ? $" → {x:0.00}×" : string.Empty)}");
    }

    public void Note(string note)
    {
        _notes.Add(note);
        Console.Error.WriteLine("  " + note);
    }

    public void Fail(string why)
    {
        Broken = true;
        Note("**FAILED:** " + why);
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        text.AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}) · {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB · .NET {Environment.Version} · {(settings.Smoke ? "SMOKE (figures meaningless)" : $"{settings.Rounds} interleaved rounds of {settings.Seconds:0.#} s after {settings.WarmUpSeconds:0.#} s warm-up")} · the app on {(settings.Postgres is null ? "SQLite" : "PostgreSQL (its server's CPU counted with the app's; the raw baseline reads the same rows from SQLite)")}");
        text.AppendLine();
        text.AppendLine("| stories | what | measured | against | ratio | target | met |");
        text.AppendLine("|---:|---|---|---|---:|---:|:---:|");
        foreach (var (size, what, measured, against, ratio, target, met) in _rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {size:N0} | {what} | {measured} | {against} | {(ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : string.Empty)} | {(target is { } t ? t.ToString("0.##", CultureInfo.InvariantCulture) + "×" : string.Empty)} | {(met switch { true => "yes", false => "**no**", null => string.Empty })} |");
        }

        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in _notes)
            {
                text.AppendLine("- " + note);
            }
        }

        return text.ToString();
    }
}
