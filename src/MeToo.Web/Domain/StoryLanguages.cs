using System.Collections.Concurrent;
using System.Globalization;

namespace MeToo.Web.Domain;

/// <summary>
/// The languages a story may be written in (<c>Languages:Stories</c>), as stable lower-case codes
/// (ISO 639-1: <c>en</c>, <c>es</c>, <c>fr</c>…). A story's language is not the page's: a survivor may
/// read the site in English and write in Portuguese. Each is named in the reader's language from
/// the system's locale data (ICU) — "alemán", "allemand" — so a new one needs no translation of its
/// own. The list is short on purpose: a story's language is a quasi-identifier (privacy rule 15),
/// and the rarer the language the fewer people it hides among.
/// </summary>
public sealed class StoryLanguages
{
    /// <summary>The language of a story that says none (every story made before languages existed).</summary>
    public const string Default = "en";

    /// <summary>The longest code a story's language may have (BCP 47 primary subtags are 2–3 letters, 8 at most).</summary>
    public const int CodeMaxLength = 8;

    private readonly ConcurrentDictionary<string, IReadOnlyList<Named>> _byReader = new(StringComparer.Ordinal);

    public StoryLanguages(IEnumerable<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        Codes = [.. codes.Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length is > 0 and <= CodeMaxLength && c.All(char.IsAsciiLetterLower)).Distinct(StringComparer.Ordinal)];
        if (Codes.Count == 0)
        {
            Codes = [Default];
        }
    }

    public IReadOnlyList<string> Codes { get; }

    public bool IsKnown(string? code) => code is not null && Codes.Contains(code, StringComparer.Ordinal);

    /// <summary>The language for a new story on a page in <paramref name="pageLanguage"/>: that one if a story may be written in it, else the first.</summary>
    public string DefaultFor(string? pageLanguage) => IsKnown(pageLanguage) ? pageLanguage! : Codes[0];

    /// <summary>The language a new story proposes on the page being written (<see cref="DefaultFor"/> of the reader's language).</summary>
    public string ForThisPage => DefaultFor(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>Every language, named in the reader's language and in its alphabetical order.</summary>
    public IReadOnlyList<Named> InReadersLanguage => In(CultureInfo.CurrentUICulture);

    /// <summary>The language's name in the reader's language ("Spanish", "espagnol" → "Espagnol"); its code when ICU cannot name it.</summary>
    public string NameOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return In(CultureInfo.CurrentUICulture).FirstOrDefault(n => n.Code == code)?.Name ?? NameIn(code, CultureInfo.CurrentUICulture);
    }

    /// <summary>
    /// The name as it is written inside a sentence of the reader's language: "written in Spanish",
    /// "écrite en espagnol", "escrita en francés" (ICU's own case, lower in Spanish and French).
    /// </summary>
    public string NameInText(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return NameIn(code, CultureInfo.CurrentUICulture, capitalize: false);
    }

    private IReadOnlyList<Named> In(CultureInfo reader) =>
        _byReader.GetOrAdd(reader.Name, _ =>
        {
            var comparer = StringComparer.Create(reader, CompareOptions.IgnoreCase);
            return [.. Codes.Select(c => new Named(c, NameIn(c, reader))).OrderBy(n => n.Name, comparer)];
        });

    private static string NameIn(string code, CultureInfo reader, bool capitalize = true)
    {
        try
        {
            var name = DisplayNameIn(code, reader);
            if (string.IsNullOrEmpty(name) || name.Equals(code, StringComparison.OrdinalIgnoreCase) || name.StartsWith("Unknown", StringComparison.Ordinal))
            {
                return code;
            }

            // Spanish and French write language names in lower case; a list item starts with a capital.
            return capitalize ? char.ToUpper(name[0], reader) + name[1..] : name;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }

    /// <summary>ICU's name of a culture in the reader's language ("alemán (Alemania)" for de-DE in Spanish); <see cref="Countries"/> reads countries from it too.</summary>
    internal static string DisplayNameIn(string cultureName, CultureInfo reader)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = reader;
            return CultureInfo.GetCultureInfo(cultureName).DisplayName;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    public sealed record Named(string Code, string Name);
}
