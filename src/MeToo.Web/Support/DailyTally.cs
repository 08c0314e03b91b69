namespace MeToo.Web.Support;

/// <summary>What a tally counts.</summary>
public static class TallyKinds
{
    /// <summary>"I stand with you" given to any story.</summary>
    public const string Support = "support";

    /// <summary>"Say #MeToo" taps; <see cref="DailyTally.Key"/> is the setting chosen, or empty.</summary>
    public const string MeToo = "metoo";
}

/// <summary>
/// A per-day aggregate count (DESIGN.md rule 9): how many supports or #MeToo taps on a UTC day,
/// optionally by setting. Never a row per person.
/// </summary>
public sealed class DailyTally
{
    private DailyTally()
    {
        Kind = string.Empty;
        Key = string.Empty;
    }

    public string Kind { get; private set; }

    public DateOnly Day { get; private set; }

    /// <summary>A setting key for #MeToo taps, or empty.</summary>
    public string Key { get; private set; }

    public int Count { get; private set; }
}
