using System.Globalization;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Pages;

/// <summary>One bar of a chart; a null value is not shown (<see cref="SmallGroups.SuppressCounts"/>).</summary>
public sealed record Bar(string Label, int? Value);

public sealed record BarChart(string Id, string Title, string Description, IReadOnlyList<Bar> Bars, int Threshold)
{
    public int Max => Math.Max(Bars.Max(b => b.Value ?? 0), 1);
}

/// <summary>
/// The magnitude: totals, trends by day, week or month, and breakdowns by setting and experience,
/// drawn as SVG on the server (attributes only, for the strict CSP) with a title, a description and a
/// data table. #MeToo and support, which are only counted, are suppressed so that no small count can
/// be read or worked out from a total and its siblings; published stories, public one by one, are
/// counted exactly (privacy rule 15, <see cref="SmallGroups"/>).
/// </summary>
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.PublicPageCache.Policy)]
public sealed class StatsModel(AppDbContext db, Taxonomy taxonomy, StoryLanguages languages, TimeProvider time, IOptions<PrivacyOptions> privacy, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public static readonly string[] Periods = ["day", "week", "month"];

    [BindProperty(SupportsGet = true, Name = "by")]
    public string? By { get; set; }

    public string Period { get; private set; } = "week";

    public int MeTooTotal { get; private set; }

    public int StoriesTotal { get; private set; }

    public int SupportTotal { get; private set; }

    public IReadOnlyList<BarChart> Trends { get; private set; } = [];

    public IReadOnlyList<BarChart> Breakdowns { get; private set; } = [];

    public int Threshold => privacy.Value.SmallGroupThreshold;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Period = Periods.Contains(By) ? By! : "week";
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var since = today.AddDays(-400);

        var tallies = await db.DailyTallies.AsNoTracking()
            .GroupBy(t => new { t.Kind, t.Day })
            .Select(g => new { g.Key.Kind, g.Key.Day, Count = g.Sum(t => t.Count) })
            .ToListAsync(cancellationToken);
        MeTooTotal = tallies.Where(t => t.Kind == TallyKinds.MeToo).Sum(t => t.Count);
        SupportTotal = tallies.Where(t => t.Kind == TallyKinds.Support).Sum(t => t.Count);
        // One pass over the published stories gives both the total and the per-language counts.
        var byLanguage = await db.Stories.AsNoTracking()
            .Where(s => s.Status == StoryStatus.Published)
            .GroupBy(s => s.Language)
            .Select(g => new { Language = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        StoriesTotal = byLanguage.Sum(l => l.Count);
        var published = await db.Stories.AsNoTracking()
            .Where(s => s.Status == StoryStatus.Published && s.PublishedOn >= since)
            .GroupBy(s => s.PublishedOn!.Value)
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var buckets = Buckets(today);
        var groups = privacy.Value.SmallGroups;
        BarChart Trend(string id, string title, string description, IEnumerable<(DateOnly Day, int Count)> days, bool onlyCounted)
        {
            var list = days.ToList();
            var counts = buckets.Select(b => list.Where(d => d.Day >= b.From && d.Day <= b.To).Sum(d => d.Count)).ToList();
            return Chart(id, title, description, [.. buckets.Select(b => b.Label)], counts, onlyCounted);
        }

        BarChart Chart(string id, string title, string description, IReadOnlyList<string> labels, IReadOnlyList<int> counts, bool onlyCounted)
        {
            var shown = onlyCounted ? groups.SuppressCounts(counts) : [.. counts.Select(c => (int?)c)];
            return new BarChart(id, title, description, [.. labels.Select((label, i) => new Bar(label, shown[i]))], Threshold);
        }

        // Whole sentences per period: "by {0}" with an English word in it reads wrong in every other language.
        var (metooTitle, metooText, storiesTitle, storiesText, supportTitle, supportText) = Period switch
        {
            "day" => (localizer["#MeToo, by day"], localizer["How many people said #MeToo here on each of the last 30 days."],
                localizer["Stories published, by day"], localizer["How many stories were published on each of the last 30 days."],
                localizer["Support given, by day"], localizer["How many times readers stood with a story on each of the last 30 days."]),
            "month" => (localizer["#MeToo, by month"], localizer["How many people said #MeToo here in each of the last 12 months."],
                localizer["Stories published, by month"], localizer["How many stories were published in each of the last 12 months."],
                localizer["Support given, by month"], localizer["How many times readers stood with a story in each of the last 12 months."]),
            _ => (localizer["#MeToo, by week"], localizer["How many people said #MeToo here in each of the last 26 weeks."],
                localizer["Stories published, by week"], localizer["How many stories were published in each of the last 26 weeks."],
                localizer["Support given, by week"], localizer["How many times readers stood with a story in each of the last 26 weeks."]),
        };
        Trends =
        [
            Trend("trend-metoo", metooTitle, metooText, tallies.Where(t => t.Kind == TallyKinds.MeToo).Select(t => (t.Day, t.Count)), onlyCounted: true),
            Trend("trend-stories", storiesTitle, storiesText, published.Select(p => (p.Day, p.Count)), onlyCounted: false),
            Trend("trend-support", supportTitle, supportText, tallies.Where(t => t.Kind == TallyKinds.Support).Select(t => (t.Day, t.Count)), onlyCounted: true),
        ];

        var tags = await db.StoryTags.AsNoTracking()
            .Where(t => t.Kind != TaxonomyKind.ContentWarning && db.Stories.Any(s => s.Id == t.StoryId && s.Status == StoryStatus.Published))
            .GroupBy(t => new { t.Kind, t.Key })
            .Select(g => new { g.Key.Kind, g.Key.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var meTooBySetting = await db.DailyTallies.AsNoTracking()
            .Where(t => t.Kind == TallyKinds.MeToo && t.Key != string.Empty)
            .GroupBy(t => t.Key)
            .Select(g => new { Key = g.Key, Count = g.Sum(t => t.Count) })
            .ToListAsync(cancellationToken);
        BarChart Breakdown(string id, string title, string description, TaxonomyKind kind, IReadOnlyList<string> keys, Func<string, int> count, bool onlyCounted) =>
            Chart(id, title, description, [.. keys.Select(k => Infrastructure.LocalizerExtensions.Label(localizer, kind, k))], [.. keys.Select(count)], onlyCounted);
        Breakdowns =
        [
            Breakdown("by-setting", localizer["Stories by where it happened"], localizer["Published stories for each setting; a story can name several."], TaxonomyKind.Setting, taxonomy.Settings,
                k => tags.Where(t => t.Kind == TaxonomyKind.Setting && t.Key == k).Sum(t => t.Count), onlyCounted: false),
            Breakdown("by-experience", localizer["Stories by what happened"], localizer["Published stories for each kind of experience; a story can name several."], TaxonomyKind.Experience, taxonomy.Experiences,
                k => tags.Where(t => t.Kind == TaxonomyKind.Experience && t.Key == k).Sum(t => t.Count), onlyCounted: false),
            Chart("by-language", localizer["Stories by language"], localizer["Published stories in each language they were written in."],
                [.. languages.Codes.Select(languages.NameOf)], [.. languages.Codes.Select(code => byLanguage.Where(l => l.Language == code).Sum(l => l.Count))], onlyCounted: false),
            Breakdown("metoo-by-setting", localizer["#MeToo by where it happened"], localizer["People who said #MeToo and chose a setting."], TaxonomyKind.Setting, taxonomy.Settings,
                k => meTooBySetting.Where(t => t.Key == k).Sum(t => t.Count), onlyCounted: true),
        ];
    }

    private IReadOnlyList<(string Label, DateOnly From, DateOnly To)> Buckets(DateOnly today)
    {
        var culture = CultureInfo.InvariantCulture;
        switch (Period)
        {
            case "day":
                return [.. Enumerable.Range(0, 30).Reverse().Select(i => today.AddDays(-i)).Select(d => (d.ToString("MM-dd", culture), d, d))];
            case "month":
                var month = new DateOnly(today.Year, today.Month, 1);
                return [.. Enumerable.Range(0, 12).Reverse().Select(i => month.AddMonths(-i)).Select(m => (m.ToString("yyyy-MM", culture), m, m.AddMonths(1).AddDays(-1)))];
            default:
                var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
                return [.. Enumerable.Range(0, 26).Reverse().Select(i => monday.AddDays(-7 * i)).Select(w => (w.ToString("MM-dd", culture), w, w.AddDays(6)))];
        }
    }
}
