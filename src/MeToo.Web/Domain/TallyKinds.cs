namespace MeToo.Web.Domain;

/// <summary>What a tally counts.</summary>
public static class TallyKinds
{
    /// <summary>"I stand with you" given to any story.</summary>
    public const string Support = "support";

    /// <summary>"Say #MeToo" taps; <see cref="DailyTally.Key"/> is the setting chosen, or empty.</summary>
    public const string MeToo = "metoo";
}
