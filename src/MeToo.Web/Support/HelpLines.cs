using System.Text.Json;

namespace MeToo.Web.Support;

public sealed record HelpLine(string Country, string Name, string Phone, string? Hours, string Source);

public sealed record HelpDirectory(string Name, string Url, string? Description);

/// <summary>
/// The help lines of <c>/help</c>: organisations by country, each with the address its details were
/// checked against, when the list was last reviewed, and an international directory as the fallback.
/// Kept as one JSON document (seeded from <c>seeds/helplines.json</c>, edited by admins).
/// </summary>
public sealed record HelpLineList(string ReviewedOn, HelpDirectory Directory, IReadOnlyList<HelpLine> Lines)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads and checks a list; the errors say what to fix, for the admin page.</summary>
    public static (HelpLineList? List, IReadOnlyList<string> Errors) Parse(string? json, Func<string, bool> isKnownCountry)
    {
        ArgumentNullException.ThrowIfNull(isKnownCountry);
        HelpLineList? list;
        try
        {
            list = JsonSerializer.Deserialize<HelpLineList>(json ?? string.Empty, Json);
        }
        catch (JsonException exception)
        {
            return (null, [$"This is not valid JSON: {exception.Message}"]);
        }

        if (list is null)
        {
            return (null, ["The list is empty."]);
        }

        var errors = new List<string>();
        if (!DateOnly.TryParseExact(list.ReviewedOn, "yyyy-MM-dd", out _))
        {
            errors.Add("reviewedOn must be a date like 2026-11-28.");
        }

        if (list.Directory is null || string.IsNullOrWhiteSpace(list.Directory.Name) || !IsHttps(list.Directory.Url))
        {
            errors.Add("The directory needs a name and an https:// address.");
        }

        foreach (var (line, index) in (list.Lines ?? []).Select((l, i) => (l, i + 1)))
        {
            if (line is null || string.IsNullOrWhiteSpace(line.Name) || string.IsNullOrWhiteSpace(line.Phone))
            {
                errors.Add($"Line {index}: a name and a phone number are needed.");
                continue;
            }

            if (!isKnownCountry(line.Country ?? string.Empty))
            {
                errors.Add($"Line {index} ({line.Name}): \"{line.Country}\" is not a known country code.");
            }

            if (!IsHttps(line.Source))
            {
                errors.Add($"Line {index} ({line.Name}): the source must be the https:// page the details were checked against.");
            }
        }

        return errors.Count == 0 ? (list with { Lines = list.Lines ?? [] }, errors) : (null, errors);
    }

    private static bool IsHttps(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
