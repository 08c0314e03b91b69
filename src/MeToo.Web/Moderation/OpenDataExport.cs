using System.Globalization;
using System.Text;
using System.Text.Json;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Moderation;

/// <summary>
/// The open research data set: published stories whose authors opted in, with text, title,
/// taxonomy, content warnings, month of publication, country, language and support count — and
/// nothing that links to another record (no public id, display name, days or internal order). A
/// country or a language shared by fewer than the small-group threshold of exported stories, and
/// support counts below it, are suppressed (privacy rule 15). Rows are shuffled so their order says nothing about when stories came in.
/// </summary>
public sealed class OpenDataExport(AppDbContext db, IOptions<PrivacyOptions> privacy)
{
    public sealed record Row(
        string? Title,
        string Text,
        IReadOnlyList<string> Settings,
        IReadOnlyList<string> Experiences,
        IReadOnlyList<string> ContentWarnings,
        string Month,
        string? Country,
        int? SupportCount,
        string? Language);

    public int Threshold => privacy.Value.SmallGroupThreshold;

    public async Task<IReadOnlyList<Row>> RowsAsync(CancellationToken cancellationToken = default)
    {
        var stories = await db.Stories.AsNoTracking()
            .Where(s => s.Status == StoryStatus.Published && s.OpenData && !s.Synthetic)
            .Include(s => s.Tags)
            .ToListAsync(cancellationToken);
        var threshold = Threshold;
        var commonCountries = stories.Where(s => s.CountryCode is not null)
            .GroupBy(s => s.CountryCode!)
            .Where(g => g.Count() >= threshold)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        var commonLanguages = stories
            .GroupBy(s => s.Language)
            .Where(g => g.Count() >= threshold)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        return [.. stories
            .Select(s => new Row(
                s.Title,
                s.Body,
                [.. s.Settings.Order(StringComparer.Ordinal)],
                [.. s.Experiences.Order(StringComparer.Ordinal)],
                [.. s.ContentWarnings.Order(StringComparer.Ordinal)],
                s.PublishedOn!.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                s.CountryCode is { } country && commonCountries.Contains(country) ? country : null,
                s.SupportCount >= threshold ? s.SupportCount : null,
                commonLanguages.Contains(s.Language) ? s.Language : null))
            .OrderBy(_ => Random.Shared.Next())];
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static string ToJson(IReadOnlyList<Row> rows) => JsonSerializer.Serialize(rows, Json);

    /// <summary>RFC 4180 CSV; lists joined with "|"; suppressed values empty.</summary>
    public static string ToCsv(IReadOnlyList<Row> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new StringBuilder();
        csv.Append("title,text,settings,experiences,content_warnings,month,country,support_count,language\r\n");
        foreach (var row in rows)
        {
            csv.AppendJoin(',',
                Field(row.Title),
                Field(row.Text),
                Field(string.Join('|', row.Settings)),
                Field(string.Join('|', row.Experiences)),
                Field(string.Join('|', row.ContentWarnings)),
                Field(row.Month),
                Field(row.Country),
                Field(row.SupportCount?.ToString(CultureInfo.InvariantCulture)),
                Field(row.Language));
            csv.Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>Quoted always; a leading formula character is neutralised so spreadsheets do not run it.</summary>
    private static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
