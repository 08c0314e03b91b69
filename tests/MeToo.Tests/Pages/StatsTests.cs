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

    /// <summary>
    /// The audit's subtraction: the total (15) beside 12 gave away the suppressed 3. #MeToo and support
    /// are only counted, so a small count takes as many siblings with it as it needs for none to be
    /// worked out from the total and the cells shown.
    /// </summary>
    [Fact]
    public async Task SmallCountsOfWhatIsOnlyCounted_CannotBeWorkedOutFromTheTotal_ButZerosAndLargeCountsAreShown()
    {
        var today = new DateOnly(2026, 3, 14);
        await TallyAsync(TallyKinds.MeToo, today, "workplace", 12);
        await TallyAsync(TallyKinds.MeToo, today.AddDays(-1), "school", 3);
        await TallyAsync(TallyKinds.Support, today.AddDays(-3), string.Empty, 25);
        await TallyAsync(TallyKinds.Support, today.AddDays(-4), string.Empty, 14);

        var page = await Html.GetAsync(_app.CreateClient(), "/stats?by=day");
        var rows = page.QuerySelectorAll("#trend-metoo tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelector("td")!.TextContent);
        var support = page.QuerySelectorAll("#trend-support tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelector("td")!.TextContent);
        var bySetting = page.QuerySelectorAll("#metoo-by-setting tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelector("td")!.TextContent);

        Assert.Equal("15", page.QuerySelector("#total-metoo")!.TextContent);
        Assert.Equal(30, rows.Count);
        Assert.Equal("not shown", rows["03-13"]);
        Assert.Equal("not shown", rows["03-14"]); // 15 − 3 would be 12: it goes too
        Assert.Equal("0", rows["03-12"]);
        Assert.Equal("not shown", bySetting["Work"]);
        Assert.Equal("not shown", bySetting["School"]);
        Assert.Equal("25", support["03-11"]); // nothing small beside it: shown as it is
        Assert.Equal("14", support["03-10"]);
        Assert.Equal(2, page.QuerySelectorAll("#trend-metoo rect.bar.suppressed").Length);
        Assert.DoesNotContain(page.QuerySelectorAll("#trend-metoo td, #metoo-by-setting td"), td => td.TextContent is "3" or "12");
    }

    /// <summary>Published stories are public one by one: their counts are shown exactly, small ones too.</summary>
    [Fact]
    public async Task CountsOfPublishedStories_AreExact_ForTheListShowsEachStory()
    {
        var today = new DateOnly(2026, 3, 14);
        await _app.WithDbAsync(db => TestStories.AddAsync(db, 2, today, today, _ => TestStories.Content(settings: ["school"])));
        await _app.WithDbAsync(db => TestStories.AddAsync(db, 1, today, today, _ => TestStories.Content(settings: ["online"])));

        var page = await Html.GetAsync(_app.CreateClient(), "/stats?by=day");
        var bySetting = page.QuerySelectorAll("#by-setting tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelector("td")!.TextContent);
        var trend = page.QuerySelectorAll("#trend-stories tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => r.QuerySelector("td")!.TextContent);

        Assert.Equal("2", bySetting["School"]);
        Assert.Equal("1", bySetting["Online"]);
        Assert.Equal("3", trend["03-14"]);
        Assert.Empty(page.QuerySelectorAll("#by-setting rect.bar.suppressed, #trend-stories rect.bar.suppressed"));
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
