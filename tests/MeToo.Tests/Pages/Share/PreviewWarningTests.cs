using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Tests.Pages.Share;

/// <summary>privacy rules 5, 8 and 15 as the author meets them in the preview.</summary>
public sealed class PreviewWarningTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Preview_HighlightsIdentifyingDetails_AndSaysWhyTheyMatter()
    {
        var client = app.CreateClient();
        var body = "My manager John Harrington wrote to me at j.harrington@example.com and called 07700 900123 every night.";

        var page = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", body)));

        var warning = page.QuerySelector(".identifying-details");
        Assert.NotNull(warning);
        Assert.Contains("John Harrington", warning.TextContent);
        Assert.Contains("legal risk", warning.TextContent);
        Assert.Contains("j.harrington@example.com", warning.TextContent);
        var marks = page.QuerySelectorAll("article.story mark").Select(m => m.TextContent).ToList();
        Assert.Contains("John Harrington", marks);
        Assert.Contains("j.harrington@example.com", marks);
        Assert.Contains("07700 900123", marks);
        Assert.NotNull(page.QuerySelector("form#share-form button[formaction*='Edit']"));
    }

    [Fact]
    public async Task Preview_ChecksTheDisplayNameAndTitleToo()
    {
        var client = app.CreateClient();

        var page = await Journeys.PreviewAsync(client, Html.Values(
            ("Draft.Body", Journeys.SampleBody), ("Draft.Anonymous", "false"), ("Draft.DisplayName", "Emma Thompson"), ("Draft.Title", "What Dr Okafor did")));

        var warning = page.QuerySelector(".identifying-details")!.TextContent;
        Assert.Contains("Emma Thompson", warning);
        Assert.Contains("Dr Okafor", warning);
    }

    [Fact]
    public async Task Preview_OfAnOrdinaryStory_HasNoIdentifyingWarning_ButAlwaysSaysWhatWithdrawalCannotRecall()
    {
        var client = app.CreateClient();

        var page = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", Journeys.SampleBody)));

        Assert.Null(page.QuerySelector(".identifying-details"));
        Assert.Empty(page.QuerySelectorAll("article.story mark"));
        var recall = page.QuerySelector("#recall-title")!.ParentElement!.TextContent;
        Assert.Contains("cannot recall copies that readers made", recall);
        Assert.Contains("backups keep it until they expire, after 30 days", recall);
    }

    [Fact]
    public async Task Preview_WarnsWhenFewPublishedStoriesShareCountryYearAndSetting_AndNotWhenMany()
    {
        var client = app.CreateClient();
        var day = new DateOnly(2026, 1, 5);
        await app.WithDbAsync(db => Harness.Stories.AddAsync(db, 12, day, day, _ => Harness.Stories.Content(settings: ["school"], country: "IE", year: 2011)));

        var rare = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", Journeys.SampleBody), ("Draft.Country", "IS"), ("Draft.Year", "2011"), ("Draft.Settings", "school")));
        var common = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", Journeys.SampleBody), ("Draft.Country", "IE"), ("Draft.Year", "2011"), ("Draft.Settings", "school")));
        var vague = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", Journeys.SampleBody), ("Draft.Settings", "school")));

        Assert.NotNull(rare.QuerySelector(".small-group"));
        Assert.Null(common.QuerySelector(".small-group"));
        Assert.Null(vague.QuerySelector(".small-group"));
    }

    [Fact]
    public async Task SendingAnyway_StoresTheStoryWithItsScreeningMarkers()
    {
        var client = app.CreateClient();
        var body = $"Write to me at someone@example.org about what Michael Brennan did. {Guid.NewGuid():N}";

        await Journeys.ShareAndGetReceiptAsync(client, body);

        var markers = await app.WithDbAsync(db => db.ScreeningMarkers.Where(m => db.Stories.Any(s => s.Id == m.StoryId && s.Body == body)).ToListAsync());
        Assert.Contains(markers, m => m.Kind == MarkerKind.Email && m.Count == 1);
        Assert.Contains(markers, m => m.Kind == MarkerKind.FullName);
        Assert.Contains(markers, m => m.Kind == MarkerKind.VeryShort);
        Assert.DoesNotContain(markers, m => m.Kind == MarkerKind.Phone);
    }

    [Fact]
    public async Task HighlightedText_StaysEncoded()
    {
        var client = app.CreateClient();

        var page = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", "<script>x()</script> write to a<b>@example.com and <i>John Harrington</i> said so.")));

        Assert.Empty(page.QuerySelectorAll("article.story script, article.story b, article.story i"));
        Assert.Contains("<script>x()</script>", page.QuerySelector("article.story")!.TextContent);
    }
}
