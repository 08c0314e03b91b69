namespace MeToo.Web.Privacy;

/// <summary>
/// The receipt code that gives an author control of their story (privacy rule 7): 20 Crockford
/// base32 symbols, 100 bits of randomness, shown once in groups of four.
/// </summary>
public sealed class Receipt
{
    public const int Symbols = 20;
    public const int GroupSize = 4;
    public const int Bits = Symbols * 5;

    private Receipt(string canonical) => Canonical = canonical;

    /// <summary>Upper case, no separators: the form that is hashed.</summary>
    public string Canonical { get; }

    /// <summary>Grouped for people: <c>7KQ2-M9XD-4HTP-0WZC-8N3R</c>.</summary>
    public string Display => string.Join('-', Canonical.Chunk(GroupSize).Select(g => new string(g)));

    /// <summary>The last group, which the author types back to confirm they saved the receipt.</summary>
    public string LastGroup => Canonical[^GroupSize..];

    public static Receipt New() => new(CrockfordBase32.Random(Symbols));

    public static bool TryParse(string? input, out Receipt receipt)
    {
        var normalized = CrockfordBase32.Normalize(input);
        if (normalized is { Length: Symbols })
        {
            receipt = new Receipt(normalized);
            return true;
        }

        receipt = null!;
        return false;
    }

    public override string ToString() => Display;
}
