using System.Collections.Frozen;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace MeToo.Web.Privacy;

/// <summary>The kinds of detail that can identify the author or someone else (privacy rule 5).</summary>
public enum DetailKind
{
    Email = 1,
    Phone = 2,
    Link = 3,
    Handle = 4,
    FullName = 5,
    Date = 6,
    Postcode = 7,
    Place = 8,
}

/// <summary>One thing found in a text: its kind and where it is.</summary>
public sealed record Finding(DetailKind Kind, int Start, int Length, string Text)
{
    public int End => Start + Length;
}

/// <summary>
/// Finds details that could identify the author or another person: emails, phone numbers, links,
/// social handles, possible full names, exact dates, postcodes, and named employers, schools and
/// places. It flags; it never changes the text. The poster decides, and moderators see the same.
/// </summary>
public static partial class IdentifyingDetails
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    private const int MinimumPhoneDigits = 7;

    private static readonly string[] PhoneRegions = ["US", "GB", "IN", "AU", "CA", "DE", "FR", "ES", "IT", "NL", "BR", "MX", "AR", "CO", "CL", "PE", "BE", "CH", "MA", "SN", "ZA", "NG", "KE", "PH"];

    private static readonly FrozenSet<string> GivenNames = LoadGivenNames();

    /// <summary>Capitalised words that follow a given name without making it a person's name.</summary>
    private static readonly FrozenSet<string> NotSurnames = new[]
    {
        "I", "A", "The", "And", "But", "Or", "So", "Then", "When", "If", "It", "He", "She", "We", "They", "You",
        "His", "Her", "My", "Our", "Their", "Your", "This", "That", "There", "Here", "Me", "Him", "Us", "Them",
        "Not", "No", "Yes", "Is", "Was", "Be", "Do", "Did", "Has", "Had", "Have", "In", "On", "At", "To", "Of",
        "For", "With", "From", "By", "As", "After", "Before", "Because", "Why", "What", "Who", "How", "Where",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Christmas", "Easter", "God", "Lord", "Jesus", "OK", "Okay", "Mom", "Mum", "Dad", "MeToo",
        "El", "La", "Los", "Las", "Un", "Una", "Y", "Pero", "Cuando", "Yo", "Mi", "Su", "Que", "Dios", "Mamá", "Papá",
        "Le", "Les", "Et", "Mais", "Quand", "Je", "Il", "Elle", "Mon", "Ma", "Son", "Sa", "Maman", "Papa",
        "Lunes", "Martes", "Miércoles", "Jueves", "Viernes", "Sábado", "Domingo",
        "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Capitalised words after "at" that are times, not places.</summary>
    private static readonly FrozenSet<string> NotPlaces = new[]
    {
        "Christmas", "Easter", "Thanksgiving", "Halloween", "New", "Eid", "Diwali", "Hanukkah", "Ramadan", "Passover",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "First", "Last", "Least", "Most",
        "Night", "Midnight", "Noon", "Home", "Work", "School", "University", "College", "Uni", "All", "Times", "Once", "Least",
        "I", "A", "The", "That", "This", "It", "My", "His", "Her", "Our", "Their", "Me", "Him", "Them", "Us",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static IReadOnlyList<Finding> Find(string? text, string? countryCode = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var findings = new List<Finding>();
        var emails = Add(findings, text, DetailKind.Email, EmailPattern());
        AddLinks(findings, text, emails);
        AddHandles(findings, text);
        AddPhones(findings, text, countryCode);
        Add(findings, text, DetailKind.Date, DatePattern());
        Add(findings, text, DetailKind.Postcode, PostcodePattern());
        AddNames(findings, text);
        AddPlaces(findings, text);
        return RemoveOverlaps(findings);
    }

    /// <summary>The kinds found, each once, in a stable order.</summary>
    public static IReadOnlyList<DetailKind> KindsIn(IEnumerable<Finding> findings) =>
        [.. findings.Select(f => f.Kind).Distinct().Order()];

    private static List<Finding> Add(List<Finding> findings, string text, DetailKind kind, Regex pattern, int group = 0)
    {
        var added = new List<Finding>();
        foreach (Match match in pattern.Matches(text))
        {
            var g = match.Groups[group];
            if (g.Success && g.Length > 0)
            {
                var finding = new Finding(kind, g.Index, g.Length, g.Value);
                findings.Add(finding);
                added.Add(finding);
            }
        }

        return added;
    }

    private static void AddLinks(List<Finding> findings, string text, List<Finding> emails)
    {
        foreach (Match match in LinkPattern().Matches(text))
        {
            var value = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', '\'', '"');
            if (emails.Any(e => match.Index >= e.Start && match.Index < e.End))
            {
                continue;
            }

            findings.Add(new Finding(DetailKind.Link, match.Index, value.Length, value));
        }
    }

    private static void AddHandles(List<Finding> findings, string text)
    {
        foreach (Match match in HandlePattern().Matches(text))
        {
            findings.Add(new Finding(DetailKind.Handle, match.Index, match.Length, match.Value));
        }
    }

    private static void AddPhones(List<Finding> findings, string text, string? countryCode)
    {
        // A finding needs seven ASCII digits (below), so a text with fewer holds none. Most stories
        // are such a text, and the matcher is the costliest step of a preview: it runs once per
        // region and throws an exception inside for every number it cannot parse ("I was 7").
        if (!HasAsciiDigits(text, MinimumPhoneDigits))
        {
            return;
        }

        var regions = countryCode is { Length: 2 } && Phones.GetSupportedRegions().Contains(countryCode)
            ? PhoneRegions.Prepend(countryCode).Distinct()
            : PhoneRegions;
        var seen = new HashSet<int>();
        foreach (var region in regions)
        {
            foreach (var match in Phones.FindNumbers(text, region, PhoneNumberUtil.Leniency.VALID, long.MaxValue))
            {
                // At least seven digits: "I was 25 in 2009" or a year is never a phone number.
                var digits = match.RawString.Count(char.IsAsciiDigit);
                if (digits >= MinimumPhoneDigits && seen.Add(match.Start))
                {
                    findings.Add(new Finding(DetailKind.Phone, match.Start, match.Length, match.RawString));
                }
            }
        }
    }

    private static bool HasAsciiDigits(ReadOnlySpan<char> text, int count)
    {
        for (var at = text.IndexOfAnyInRange('0', '9'); at >= 0 && count > 0; at = text.IndexOfAnyInRange('0', '9'))
        {
            count--;
            text = text[(at + 1)..];
        }

        return count == 0;
    }

    private static void AddNames(List<Finding> findings, string text)
    {
        foreach (Match match in TitledNamePattern().Matches(text))
        {
            if (!NotSurnames.Contains(match.Groups["surname"].Value))
            {
                findings.Add(new Finding(DetailKind.FullName, match.Index, match.Length, match.Value));
            }
        }

        foreach (Match match in CapitalisedPairPattern().Matches(text))
        {
            var given = match.Groups["given"].Value;
            var surname = match.Groups["surname"].Value;
            if (GivenNames.Contains(given) && !NotSurnames.Contains(surname) && !NotSurnames.Contains(given))
            {
                findings.Add(new Finding(DetailKind.FullName, match.Index, match.Length, match.Value));
            }
        }
    }

    private static void AddPlaces(List<Finding> findings, string text)
    {
        foreach (Match match in EmployerPattern().Matches(text))
        {
            var name = match.Groups["name"];
            if (!NotPlaces.Contains(FirstWord(name.Value)))
            {
                findings.Add(new Finding(DetailKind.Place, name.Index, name.Length, name.Value));
            }
        }

        foreach (Match match in InstitutionPattern().Matches(text))
        {
            // "When School started" is not a school's name: drop leading common words first.
            var words = match.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var skip = words.TakeWhile(w => NotSurnames.Contains(w) || NotPlaces.Contains(w)).Count();
            if (words.Length - skip >= 2)
            {
                var start = match.Index + match.Value.IndexOf(words[skip], StringComparison.Ordinal);
                findings.Add(new Finding(DetailKind.Place, start, match.Index + match.Length - start, text[start..(match.Index + match.Length)]));
            }
        }

        Add(findings, text, DetailKind.Place, InstitutionOfPattern());
    }

    private static string FirstWord(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? value : value[..space];
    }

    /// <summary>Keeps the longest finding where two overlap, in text order.</summary>
    private static List<Finding> RemoveOverlaps(List<Finding> findings)
    {
        var kept = new List<Finding>();
        foreach (var finding in findings.OrderByDescending(f => f.Length).ThenByDescending(f => f.Kind))
        {
            if (!kept.Any(k => finding.Start < k.End && k.Start < finding.End))
            {
                kept.Add(finding);
            }
        }

        return [.. kept.OrderBy(f => f.Start)];
    }

    private static FrozenSet<string> LoadGivenNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var locale in new[] { "en", "de", "fr", "es", "it", "nl", "pt_BR", "sv", "pl", "tr" })
        {
            foreach (var key in new[] { "first_name", "male_first_name", "female_first_name" })
            {
                if (Bogus.Database.Get("name", key, locale) is Bogus.Bson.BArray list)
                {
                    for (var i = 0; i < list.Count; i++)
                    {
                        var name = list[i].StringValue;
                        if (name is { Length: > 1 } && char.IsUpper(name[0]) && !name.Contains(' ', StringComparison.Ordinal))
                        {
                            names.Add(name);
                        }
                    }
                }
            }
        }

        return names.ToFrozenSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b(?:https?://|www\.)[^\s<>""]+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|io|co|me|info|biz|app|dev|ly|tv|xyz|uk|de|fr|es|it|nl|ca|au|in|ie|nz|za|br|mx|ru|pl|se|no|dk|fi|ch|at|be|pt|jp|cn|kr)\b(?:/[^\s<>""]*)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"(?<![\p{L}\p{N}._@/])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?\b|\b(?:u|r)/[A-Za-z0-9_-]{3,21}\b", RegexOptions.CultureInvariant)]
    private static partial Regex HandlePattern();

    private const string Months = "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?";

    /// <summary>The months in Spanish and French, with and without their accents.</summary>
    private const string MonthsEsFr =
        "enero|febrero|marzo|abril|mayo|junio|julio|agosto|se(?:p)?tiembre|octubre|noviembre|diciembre"
        + "|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre";

    [GeneratedRegex(
        @"\b(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + Months + @")\.?,?\s+(?:19|20)\d{2}"
        + @"|(?:" + Months + @")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}"
        + @"|\d{1,2}(?:st|nd|rd|th)\s+of\s+(?:" + Months + @")"
        + @"|(?<=\bon\s+)(?:" + Months + @")\s+\d{1,2}(?:st|nd|rd|th)?"
        + @"|\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}"
        + @"|(?:19|20)\d{2}-\d{2}-\d{2}"
        // "12 de marzo de 2019", "el 3 de mayo", "le 1er mai", "14 juillet 2021": a day and a month, with or without the year.
        + @"|\d{1,2}(?:º|°|er|ᵉʳ)?\s+(?:de\s+)?(?:" + MonthsEsFr + @")(?:\s+(?:de\s+|del\s+)?(?:19|20)\d{2})?)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(
        @"\b(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}"            // United Kingdom
        + @"|[A-Z]\d[A-Z]\s?\d[A-Z]\d"                      // Canada
        + @"|\d{4}\s?[A-Z]{2}"                              // Netherlands
        + @"|\d{5}-\d{4}"                                   // US ZIP+4
        + @"|[A-HJ-NP-Z]\d{4}[A-Z]{3})\b"                   // Argentina (CPA)
        + @"|(?<=\b(?:zip|post\s?code|postal\s+code|PLZ|code\s+postal|c[oó]digo\s+postal|C\.\s?P\.|CP)\s*:?\s*)[A-Z0-9][A-Z0-9 -]{2,8}[A-Z0-9]\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex PostcodePattern();

    [GeneratedRegex(@"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Father|Fr|Rev|Coach|Officer|Sgt|Captain|Capt"
        + @"|Sr|Sra|Srta|Don|Doña|Dra|Lic|Licenciada?|Ing|Profesora?|Padre|Señora?|Señorita"       // Spanish
        + @"|M\.|Mme|Mlle|Monsieur|Madame|Mademoiselle|Maître|Docteur|Professeur|Père|Abbé)"           // French
        + @"\.?\s+(?<surname>\p{Lu}[\p{L}'’-]+)(?:\s+\p{Lu}[\p{L}'’-]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex TitledNamePattern();

    [GeneratedRegex(@"\b(?<given>\p{Lu}[\p{Ll}'’-]+)\s+(?<surname>\p{Lu}[\p{L}'’-]+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CapitalisedPairPattern();

    [GeneratedRegex(@"\b(?:(?:work(?:ed|s|ing)?|employed|interned|volunteered|studied|study(?:ing)?|enrolled|job|shift|internship|placement)\s+(?:at|for|with|in)\s+(?:the\s+)?"
        + @"|(?i:(?:trabaj(?:o|aba|é|ando)|estudi(?:o|aba|é|ando)|práctica?s)\s+(?:en|para|con)\s+(?:el\s+|la\s+|los\s+|las\s+)?)"
        + @"|(?i:(?:travaill(?:e|ais|ait|é)|stage|étudi(?:e|ais|ait))\s+(?:chez|pour|à\s+la|à\s+l'|à|au|aux)\s*))(?<name>\p{Lu}[\p{L}\p{N}&'’.-]*(?:\s+(?:of\s+|&\s+)?\p{Lu}[\p{L}\p{N}&'’.-]*){0,3})", RegexOptions.CultureInvariant)]
    private static partial Regex EmployerPattern();

    [GeneratedRegex(@"\b(?:\p{Lu}[\p{L}\p{N}&'’-]*\s+){1,3}(?:University|College|School|Academy|High|Hospital|Clinic|Church|Mosque|Synagogue|Temple|Inc\.?|Ltd\.?|LLC|GmbH|Corp(?:oration)?|Company|Bank|Hotel|Restaurant|Bar|Club|Gym|Barracks|Station|S\.?A\.?|S\.?L\.?|SARL|SAS)\b", RegexOptions.CultureInvariant)]
    private static partial Regex InstitutionPattern();

    /// <summary>"University of Leeds", and the Spanish and French forms: "Universidad de Sevilla", "Lycée Victor Hugo", "Hôpital Saint-Louis".</summary>
    [GeneratedRegex(@"\b(?:(?:University|College|School|Academy|Bank|Church)\s+of"
        + @"|(?:Universidad|Colegio|Escuela|Instituto|Hospital|Clínica|Iglesia|Parroquia|Banco|Empresa)(?:\s+(?:de(?:l)?|de\s+la|San(?:ta|to)?))?"
        + @"|(?:Université|École|Ecole|Lycée|Collège|Hôpital|Clinique|Église|Eglise|Banque|Société)(?:\s+(?:de(?:s)?|du|de\s+la|Saint(?:e)?))?)"
        + @"\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}", RegexOptions.CultureInvariant)]
    private static partial Regex InstitutionOfPattern();
}
