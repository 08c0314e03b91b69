using System.Text.Json;

namespace MeToo.Web.Support;

/// <summary>
/// One organisation. <paramref name="HoursIn"/> gives the hours in other languages by two-letter
/// code (<c>{"es": "24 horas, todos los días"}</c>); the page shows the reader's, or <paramref name="Hours"/>.
/// </summary>
public sealed record HelpLine(string Country, string Name, string Phone, string? Hours, string Source, IReadOnlyDictionary<string, string>? HoursIn = null)
{
    public string? HoursFor(string language) => HoursIn is not null && HoursIn.TryGetValue(language, out var hours) && !string.IsNullOrWhiteSpace(hours) ? hours : Hours;
}

/// <summary>The international directory, its description in other languages by code.</summary>
public sealed record HelpDirectory(string Name, string Url, string? Description, IReadOnlyDictionary<string, string>? DescriptionIn = null)
{
    public string? DescriptionFor(string language) => DescriptionIn is not null && DescriptionIn.TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text) ? text : Description;
}

/// <summary>What is wrong with a help-line list: a message to localize, with its values.</summary>
public sealed record HelpLineProblem(string Message, params object[] Values);

/// <summary>
/// The help lines of <c>/help</c>: organisations by country, each with the address its details were
/// checked against, when the list was last reviewed, and an international directory as the fallback.
/// Kept as one JSON document (seeded from <c>seeds/helplines.json</c>, edited by admins).
/// </summary>
public sealed record HelpLineList(string ReviewedOn, HelpDirectory Directory, IReadOnlyList<HelpLine> Lines)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads and checks a list; the errors say what to fix, for the admin page.</summary>
    public static (HelpLineList? List, IReadOnlyList<HelpLineProblem> Errors) Parse(string? json, Func<string, bool> isKnownCountry)
    {
        ArgumentNullException.ThrowIfNull(isKnownCountry);
        HelpLineList? list;
        try
        {
            list = JsonSerializer.Deserialize<HelpLineList>(json ?? string.Empty, Json);
        }
        catch (JsonException exception)
        {
            return (null, [new HelpLineProblem("This is not valid JSON (line {0}, position {1}).", (exception.LineNumber ?? 0) + 1, (exception.BytePositionInLine ?? 0) + 1)]);
        }

        if (list is null)
        {
            return (null, [new HelpLineProblem("The list is empty.")]);
        }

        var errors = new List<HelpLineProblem>();
        if (!DateOnly.TryParseExact(list.ReviewedOn, "yyyy-MM-dd", out _))
        {
            errors.Add(new HelpLineProblem("reviewedOn must be a date like 2026-11-28."));
        }

        if (list.Directory is null || string.IsNullOrWhiteSpace(list.Directory.Name) || !IsHttps(list.Directory.Url))
        {
            errors.Add(new HelpLineProblem("The directory needs a name and an https:// address."));
        }

        foreach (var (line, index) in (list.Lines ?? []).Select((l, i) => (l, i + 1)))
        {
            if (line is null || string.IsNullOrWhiteSpace(line.Name) || string.IsNullOrWhiteSpace(line.Phone))
            {
                errors.Add(new HelpLineProblem("Line {0}: a name and a phone number are needed.", index));
                continue;
            }

            if (!isKnownCountry(line.Country ?? string.Empty))
            {
                errors.Add(new HelpLineProblem("Line {0} ({1}): “{2}” is not a known country code.", index, line.Name, line.Country ?? string.Empty));
            }

            if (!IsHttps(line.Source))
            {
                errors.Add(new HelpLineProblem("Line {0} ({1}): the source must be the https:// page the details were checked against.", index, line.Name));
            }
        }

        return errors.Count == 0 ? (list with { Lines = list.Lines ?? [] }, errors) : (null, errors);
    }

    private static bool IsHttps(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
