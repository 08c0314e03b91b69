using System.Net;
using System.Text.Json;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using TestStories = MeToo.Tests.Harness.Stories;

namespace MeToo.Tests.Endpoints;

/// <summary>Silent support and "Say #MeToo" (privacy rules 9 and 11).</summary>
public sealed class SupportTests : IDisposable
{
    private readonly MeTooFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<string> PublishedStoryAsync()
    {
        var stories = await _app.WithDbAsync(db => TestStories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        return stories[0].PublicId;
    }

    private static HttpRequestMessage SameOrigin(string url, bool json = false, params KeyValuePair<string, string>[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", "https://localhost");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        if (json)
        {
            request.Headers.Add("Accept", "application/json");
        }

        return request;
    }

    private Task<(int Count, int Version)> StoryCountAsync(string publicId) =>
        _app.WithDbAsync(db => db.Stories.Where(s => s.PublicId == publicId).Select(s => new ValueTuple<int, int>(s.SupportCount, s.Version)).SingleAsync());

    [Fact]
    public async Task TwoHundredConcurrentSupportsFromDistinctClients_GiveExactlyTwoHundred_AndLeaveTheVersionAlone()
    {
        var publicId = await PublishedStoryAsync();
        var (_, versionBefore) = await StoryCountAsync(publicId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            using var request = SameOrigin($"/stories/{publicId}/support");
            return await _app.CreateClientFrom($"10.0.{i / 250}.{(i % 250) + 1}", "Reader/1.0").SendAsync(request);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal((200, versionBefore), await StoryCountAsync(publicId));
        Assert.Equal(200, await _app.WithDbAsync(db => db.DailyTallies.Where(t => t.Kind == TallyKinds.Support).SumAsync(t => t.Count)));
    }

    [Fact]
    public async Task TheSameClientTenTimes_CountsOnce_AndAgainTheNextDay()
    {
        var publicId = await PublishedStoryAsync();
        var reader = _app.CreateClientFrom("198.51.100.20", "Reader/2.0");

        for (var i = 0; i < 10; i++)
        {
            using var request = SameOrigin($"/stories/{publicId}/support");
            await reader.SendAsync(request);
        }

        var sameDay = (await StoryCountAsync(publicId)).Count;
        _app.Time.Advance(TimeSpan.FromDays(1));
        using var tomorrow = SameOrigin($"/stories/{publicId}/support");
        await reader.SendAsync(tomorrow);

        Assert.Equal(1, sameDay);
        Assert.Equal(2, (await StoryCountAsync(publicId)).Count);
        var days = await _app.WithDbAsync(db => db.DailyTallies.Where(t => t.Kind == TallyKinds.Support).OrderBy(t => t.Day).Select(t => t.Count).ToListAsync());
        Assert.Equal([1, 1], days);
    }

    [Fact]
    public async Task WithJavaScript_TheAnswerIsTheNewCount_AndWithoutItARedirectBackToTheStory()
    {
        var publicId = await PublishedStoryAsync();

        using var json = SameOrigin($"/stories/{publicId}/support", json: true);
        var answer = await _app.CreateClientFrom("203.0.113.50").SendAsync(json);
        using var plain = SameOrigin($"/stories/{publicId}/support");
        var redirect = await _app.CreateClientFrom("203.0.113.51").SendAsync(plain);
        var page = await Html.GetAsync(_app.CreateClient(), redirect.Headers.Location!.OriginalString);

        using var document = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Equal(1, document.RootElement.GetProperty("count").GetInt32());
        Assert.True(document.RootElement.GetProperty("counted").GetBoolean());
        Assert.Equal("1 person stands with them", document.RootElement.GetProperty("text").GetString());
        Assert.Equal($"/stories/{publicId}?supported=1#support", redirect.Headers.Location!.OriginalString);
        Assert.NotNull(page.QuerySelector("#support-thanks"));
        Assert.Contains("2 people stand with them", page.QuerySelector(".support-count")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cross-site", null)]
    [InlineData("none", null)]
    [InlineData(null, "https://evil.example")]
    [InlineData(null, "null")]
    public async Task ACrossSiteOrWrongOriginSupport_IsRefused(string? fetchSite, string? origin)
    {
        var publicId = await PublishedStoryAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/stories/{publicId}/support") { Content = new FormUrlEncodedContent([]) };
        if (fetchSite is not null)
        {
            request.Headers.Add("Sec-Fetch-Site", fetchSite);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        var response = await _app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, (await StoryCountAsync(publicId)).Count);
    }

    [Fact]
    public async Task SupportingAStoryThatIsNotPublished_IsNotFound_AndCountsNothing()
    {
        var stories = await _app.WithDbAsync(db => TestStories.AddAsync(db, 1, new DateOnly(2026, 3, 1), null));
        using var request = SameOrigin($"/stories/{stories[0].PublicId}/support");

        var response = await _app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.DailyTallies.CountAsync()));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/stories")]
    [InlineData("story")]
    public async Task PublicPages_SetNoCookie_AndTheirPublicFormsCarryNoToken(string path)
    {
        var publicId = await PublishedStoryAsync();
        var response = await _app.CreateClient().GetAsync(path == "story" ? $"/stories/{publicId}" : path);
        var page = await Html.ParseAsync(response);

        Assert.False(response.Headers.Contains("Set-Cookie"), string.Join(", ", response.Headers.Where(h => h.Key == "Set-Cookie").SelectMany(h => h.Value)));
        var publicForms = page.QuerySelectorAll("form.support-form, form#say-metoo-form, form#report-form");
        Assert.NotEmpty(publicForms);
        Assert.All(publicForms, form => Assert.Null(form.QuerySelector("input[name=__RequestVerificationToken]")));
    }

    [Fact]
    public async Task SayMeToo_CountsOncePerClientAndDay_ByDayAndSetting_AndTheHomePageShowsTheTotal()
    {
        var first = _app.CreateClientFrom("192.0.2.31");
        for (var i = 0; i < 3; i++)
        {
            using var request = SameOrigin("/metoo", fields: [new("Setting", "workplace")]);
            Assert.Equal("/?metoo=1#say-metoo", (await first.SendAsync(request)).Headers.Location?.OriginalString);
        }

        using var second = SameOrigin("/metoo", fields: [new("Setting", "not-a-setting")]);
        await _app.CreateClientFrom("192.0.2.32").SendAsync(second);
        using var third = SameOrigin("/metoo", json: true);
        var answer = await _app.CreateClientFrom("192.0.2.33").SendAsync(third);
        var home = await Html.GetAsync(_app.CreateClient(), "/");

        var tallies = await _app.WithDbAsync(db => db.DailyTallies.Where(t => t.Kind == TallyKinds.MeToo).OrderBy(t => t.Key).Select(t => new { t.Key, t.Count }).ToListAsync());
        Assert.Equal(2, tallies.Count);
        Assert.Equal(("", 2), (tallies[0].Key, tallies[0].Count));
        Assert.Equal(("workplace", 1), (tallies[1].Key, tallies[1].Count));
        Assert.Contains("\"count\":3", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("3", home.QuerySelector(".metoo-count")!.TextContent);
        Assert.NotNull(home.QuerySelector("form#say-metoo-form[action='/metoo'][method=post]"));
    }

    /// <summary>The audit found support without any limit: a rotating user agent counted again and again.</summary>
    [Fact]
    public async Task OneAddress_RotatingItsUserAgent_AddsAtMostTheDailyCap()
    {
        using var app = new MeTooFactory().With("RateLimits:TapsPerAddressPerDay", "3");
        var stories = await app.WithDbAsync(db => MeToo.Tests.Harness.Stories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        var publicId = stories[0].PublicId;

        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/stories/{publicId}/support") { Content = new FormUrlEncodedContent([]) };
            Assert.Equal(HttpStatusCode.Redirect, (await app.CreateClientFrom("198.51.100.8", $"Rotating/{i}").SendAsync(request)).StatusCode);
        }

        Assert.Equal(3, await app.WithDbAsync(db => db.Stories.Where(s => s.PublicId == publicId).Select(s => s.SupportCount).SingleAsync()));
    }
}
