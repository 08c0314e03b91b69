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
/// nothing that links to another record (no public id, display name, days or internal order). The
/// rows are k-anonymous over the combination of the attributes they carry (privacy rule 15,
/// <see cref="SmallGroups.Anonymize{TRow}"/>): a row whose country, language, month, settings,
/// experiences and warnings fewer than the threshold of rows share loses its country, then its
/// language, then its month's month, its warnings, experiences and settings, and its year, until it
/// is in a large enough group, or is left out. Support counts below the threshold are left out.
/// Rows are shuffled so their order says nothing about when stories came in.
/// </summary>
public sealed class OpenDataExport(AppDbContext db, IOptions<PrivacyOptions> privacy)
{
    public sealed record Row(
        string? Title,
        string Text,
        IReadOnlyList<string> Settings,
        IReadOnlyList<string> Experiences,
        IReadOnlyList<string> ContentWarnings,
        string? Month,
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
        var groups = privacy.Value.SmallGroups;
        var rows = stories.Select(s => new Row(
            s.Title,
            s.Body,
            [.. s.Settings.Order(StringComparer.Ordinal)],
            [.. s.Experiences.Order(StringComparer.Ordinal)],
            [.. s.ContentWarnings.Order(StringComparer.Ordinal)],
            s.PublishedOn!.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            s.CountryCode,
            groups.IsSmall(s.SupportCount) ? null : s.SupportCount,
            s.Language)).ToList();
        return [.. groups.Anonymize(rows, QuasiIdentifier, Generalizations).OrderBy(_ => Random.Shared.Next())];
    }

    /// <summary>The combination of attributes a row carries that could single its author out.</summary>
    public static string QuasiIdentifier(Row row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return string.Join('\u001f', row.Country, row.Language, row.Month, string.Join('|', row.Settings), string.Join('|', row.Experiences), string.Join('|', row.ContentWarnings));
    }

    /// <summary>One step of generalisation each, the most identifying first.</summary>
    public static readonly IReadOnlyList<Func<Row, Row>> Generalizations =
    [
        row => row with { Country = null },
        row => row with { Language = null },
        row => row with { Month = row.Month?[..4] }, // the year alone
        row => row with { ContentWarnings = [] },
        row => row with { Experiences = [] },
        row => row with { Settings = [] },
        row => row with { Month = null },
    ];

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
