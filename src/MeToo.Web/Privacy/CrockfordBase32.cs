using System.Security.Cryptography;

namespace MeToo.Web.Privacy;

/// <summary>Crockford's base32: no I, L, O or U, so codes survive being read aloud or copied by hand.</summary>
public static class CrockfordBase32
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A string of <paramref name="length"/> symbols, each carrying 5 bits from the system CSPRNG.</summary>
    public static string Random(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return RandomNumberGenerator.GetString(Alphabet, length);
    }

    /// <summary>
    /// Reads a code typed back by a person: case-insensitive, spaces and dashes ignored, and the
    /// look-alikes Crockford allows (I and L read as 1, O as 0). Returns null when anything else is left.
    /// </summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return null;
        }

        var buffer = new System.Text.StringBuilder(input.Length);
        foreach (var raw in input)
        {
            if (raw is ' ' or '-' or '\t' or '\u00A0' or '\u2010' or '\u2011' or '\u2012' or '\u2013')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw);
            c = c switch
            {
                'I' or 'L' => '1',
                'O' => '0',
                _ => c,
            };
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }

            buffer.Append(c);
        }

        return buffer.Length == 0 ? null : buffer.ToString();
    }
}
