using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using TestStories = MeToo.Tests.Harness.Stories;

namespace MeToo.Tests.Pages;

/// <summary>The magnitude page: totals from the stored aggregates, SVG charts, suppression.</summary>
public sealed class StatsTests : IDisposable
{
    private readonly MeTooFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task TallyAsync(string kind, DateOnly day, string key, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _app.WithDbAsync(db => MeToo.Web.Data.Tallies.AddAsync(db, kind, day, key, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Totals_CountEveryTapSupportAndPublishedStory()
    {
        var today = new DateOnly(2026, 3, 14);
        await TallyAsync(TallyKinds.MeToo, today, "workplace", 12);
        await TallyAsync(TallyKinds.MeToo, today.AddDays(-40), string.Empty, 3);
        await TallyAsync(TallyKinds.Support, today.AddDays(-2), string.Empty, 7);
        await _app.WithDbAsync(db => TestStories.AddAsync(db, 4, today.AddDays(-10), today.AddDays(-9)));

        var page = await Html.GetAsync(_app.CreateClient(), "/stats");

        // 12 + 3 taps, 7 supports and 4 published stories went in: the page says so, whatever else is stored.
        Assert.Equal("15", page.QuerySelector("#total-metoo")!.TextContent);
        Assert.Equal("7", page.QuerySelector("#total-support")!.TextContent);
        Assert.Equal("4", page.QuerySelector("#total-stories")!.TextContent);
    }

    [Fact]
    public async Task SmallCounts_AreSuppressed_InChartsAndTables_ButZeroAndLargeCountsAreShown()
    {
        var today = new DateOnly(2026, 3, 14);
        await TallyAsync(TallyKinds.MeToo, today, "workplace", 12);
        await TallyAsync(TallyKinds.MeToo, today.AddDays(-1), "school", 3);

        var page = await Html.GetAsync(_app.CreateClient(), "/stats?by=day");
        var rows = page.QuerySelectorAll("#trend-metoo tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelector("td")!.TextContent);
        var bySetting = page.QuerySelectorAll("#metoo-by-setting tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelector("td")!.TextContent);

        Assert.Equal(30, rows.Count);
        Assert.Equal("12", rows["03-14"]);
        Assert.Equal("fewer than 10", rows["03-13"]);
        Assert.Equal("0", rows["03-12"]);
        Assert.Equal("12", bySetting["Work"]);
        Assert.Equal("fewer than 10", bySetting["School"]);
        Assert.Single(page.QuerySelectorAll("#trend-metoo rect.bar.suppressed"));
        Assert.DoesNotContain(page.QuerySelectorAll("#trend-metoo td"), td => td.TextContent == "3");
    }

    [Theory]
    [InlineData("day", 30)]
    [InlineData("week", 26)]
    [InlineData("month", 12)]
    [InlineData("decade", 26)]
    public async Task Charts_AreServerDrawnSvg_WithTitleDescriptionAndTable_AndNoInlineStyle(string by, int bars)
    {
        var page = await Html.GetAsync(_app.CreateClient(), "/stats?by=" + by);

        var charts = page.QuerySelectorAll("figure.chart");
        Assert.Equal(7, charts.Length); // three trends, four breakdowns (setting, experience, language, #MeToo by setting)
        foreach (var chart in charts)
        {
            var svg = chart.QuerySelector("svg[role=img]")!;
            Assert.NotNull(svg.QuerySelector("title"));
            Assert.NotNull(svg.QuerySelector("desc"));
            Assert.NotNull(chart.QuerySelector("table caption"));
            Assert.Null(chart.QuerySelector("[style]"));
        }

        Assert.Equal(bars, page.QuerySelectorAll("#trend-stories tbody tr").Length);
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
    }
}
