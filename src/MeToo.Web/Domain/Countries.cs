using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeToo.Web.Domain;

/// <summary>
/// The country list of the share form and the filters, from <c>seeds/countries.json</c> (ISO 3166
/// codes and English names). In another language each country is named as the platform's Unicode
/// data (ICU) names it in that language — "Alemania", "Allemagne" — and listed in that language's
/// alphabetical order, so a new language needs no list of its own; a country ICU cannot name keeps
/// its English name.
/// </summary>
public sealed class Countries
{
    private static readonly Lazy<Dictionary<string, string>> CultureOfRegion = new(() =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => (Culture: c.Name, Region: c.Name[(c.Name.LastIndexOf('-') + 1)..]))
            .Where(c => c.Region.Length == 2)
            .OrderBy(c => c.Culture.Count(ch => ch == '-'))
            .GroupBy(c => c.Region, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Culture, StringComparer.Ordinal));

    private readonly Dictionary<string, string> _names;
    private readonly ConcurrentDictionary<string, Named> _byLanguage = new(StringComparer.Ordinal);

    public Countries(IEnumerable<Country> all)
    {
        All = [.. all];
        _names = All.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>The list as the seed file gives it (codes and English names).</summary>
    public IReadOnlyList<Country> All { get; }

    /// <summary>Every country named in the reader's language, in its alphabetical order.</summary>
    public IReadOnlyList<Country> InReadersLanguage => In(CultureInfo.CurrentUICulture).Sorted;

    public bool IsKnown(string? code) => code is not null && _names.ContainsKey(code);

    /// <summary>The country's name in the reader's language (its code when the list does not know it).</summary>
    public string NameOf(string code) => In(CultureInfo.CurrentUICulture).Names.TryGetValue(code, out var name) ? name : code;

    public static Countries Load(string path)
    {
        using var stream = File.OpenRead(path);
        var list = JsonSerializer.Deserialize<List<Country>>(stream)
            ?? throw new InvalidDataException($"{path} is empty.");
        return new Countries(list);
    }

    private Named In(CultureInfo culture)
    {
        var language = culture.TwoLetterISOLanguageName;
        return _byLanguage.GetOrAdd(language is "en" or "iv" ? "en" : culture.Name, _ => Name(culture));
    }

    private Named Name(CultureInfo culture)
    {
        var english = culture.TwoLetterISOLanguageName is "en" or "iv";
        var names = english ? _names : All.ToDictionary(c => c.Code, c => LocalName(c, culture), StringComparer.Ordinal);
        var comparer = StringComparer.Create(culture, CompareOptions.IgnoreCase);
        return new Named(names, [.. All.Select(c => c with { Name = names[c.Code] }).OrderBy(c => c.Name, comparer)]);
    }

    /// <summary>"alemán (Alemania)" is ICU's name of de-DE in Spanish: the part in brackets names the country.</summary>
    private static string LocalName(Country country, CultureInfo culture)
    {
        if (!CultureOfRegion.Value.TryGetValue(country.Code, out var regional))
        {
            return country.Name;
        }

        var display = StoryLanguages.DisplayNameIn(regional, culture);
        var open = display.LastIndexOf('(');
        var close = display.LastIndexOf(')');
        if (open < 0 || close <= open + 1)
        {
            return country.Name;
        }

        // A script before the country ("cirílico, Azerbaiyán") is not part of its name.
        var inBrackets = display[(open + 1)..close];
        var name = inBrackets[(inBrackets.LastIndexOf(", ", StringComparison.Ordinal) is var comma and >= 0 ? comma + 2 : 0)..];
        return name.Replace('[', '(').Replace(']', ')');
    }

    private sealed record Named(IReadOnlyDictionary<string, string> Names, IReadOnlyList<Country> Sorted);

    public sealed record Country(
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("name")] string Name);
}
