namespace MeToo.Web.Privacy;

/// <summary>Random public ids for stories (privacy rule 3): 16 lower-case Crockford symbols, 80 bits.</summary>
public static class PublicId
{
    public const int Length = 16;

    public static string New() => CrockfordBase32.Random(Length).ToLowerInvariant();

    public static bool IsWellFormed(string? value) =>
        value is { Length: Length } && value.All(c => CrockfordBase32.Alphabet.Contains(char.ToUpperInvariant(c), StringComparison.Ordinal) && !char.IsUpper(c));
}
