using System.Globalization;
using System.Text;

namespace MeToo.Web.Privacy;

/// <summary>
/// The characters a story may not carry because a reader cannot see them, so that they could hold a
/// watermark (privacy rule 4): Unicode's <c>Default_Ignorable_Code_Point</c> property, read from the
/// pinned copy of the Unicode Character Database in <c>Privacy/Unicode/</c> (.NET has no API for it),
/// and the characters that render as a blank although the property does not list them.
/// </summary>
public static class InvisibleCharacters
{
    /// <summary>The embedded copy of <c>DerivedCoreProperties.txt</c>.</summary>
    public const string DatabaseResource = "MeToo.Web.Privacy.DerivedCoreProperties.txt";

    /// <summary>
    /// Blanks by hand: characters that are symbols to Unicode, not ignorable, yet show nothing — each
    /// is used to write text that looks empty or to pad a name invisibly. (The Hangul fillers and the
    /// Khmer inherent vowels blank too, but the property lists them already.)
    /// </summary>
    public static readonly IReadOnlyDictionary<int, string> RenderedBlank = new Dictionary<int, string>
    {
        [0x2800] = "BRAILLE PATTERN BLANK: a braille cell with no dots, drawn as an empty space by every font",
        [0x1D159] = "MUSICAL SYMBOL NULL NOTEHEAD: an empty notehead, drawn as nothing outside music engraving",
    };

    private static readonly Lazy<(int Start, int End)[]> Ranges = new(LoadDefaultIgnorable);

    /// <summary>The property's ranges, as the embedded database lists them (merged, in order).</summary>
    public static IReadOnlyList<(int Start, int End)> DefaultIgnorable => Ranges.Value;

    public static bool IsDefaultIgnorable(int codePoint)
    {
        var ranges = Ranges.Value;
        int low = 0, high = ranges.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (codePoint < ranges[middle].Start)
            {
                high = middle - 1;
            }
            else if (codePoint > ranges[middle].End)
            {
                low = middle + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Ignorable by the property, or a blank by the list above.</summary>
    public static bool IsInvisible(int codePoint) => IsDefaultIgnorable(codePoint) || RenderedBlank.ContainsKey(codePoint);

    /// <summary>Parses the property's lines (<c>0000..0000 ; Default_Ignorable_Code_Point # ...</c>) out of the database.</summary>
    public static (int Start, int End)[] Parse(TextReader database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var ranges = new List<(int Start, int End)>();
        while (database.ReadLine() is { } line)
        {
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var data = hash < 0 ? line : line[..hash];
            var parts = data.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[1] != "Default_Ignorable_Code_Point")
            {
                continue;
            }

            var bounds = parts[0].Split("..");
            var start = int.Parse(bounds[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var end = bounds.Length == 2 ? int.Parse(bounds[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) : start;
            ranges.Add((start, end));
        }

        ranges.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End + 1)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, range.End));
            }
            else
            {
                merged.Add(range);
            }
        }

        return [.. merged];
    }

    private static (int Start, int End)[] LoadDefaultIgnorable()
    {
        using var stream = typeof(InvisibleCharacters).Assembly.GetManifestResourceStream(DatabaseResource)
            ?? throw new InvalidOperationException($"The Unicode database {DatabaseResource} is not embedded in the app.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var ranges = Parse(reader);
        return ranges.Length > 0 ? ranges : throw new InvalidOperationException("The embedded Unicode database lists no Default_Ignorable_Code_Point.");
    }
}
