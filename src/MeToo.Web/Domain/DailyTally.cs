namespace MeToo.Web.Domain;

/// <summary>
/// A per-day aggregate count (privacy rule 9): how many supports or #MeToo taps on a UTC day,
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
