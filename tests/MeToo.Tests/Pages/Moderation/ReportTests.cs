using System.Net;
using MeToo.Tests.Infrastructure;
using MeToo.Web.Domain;
using MeToo.Web.Infrastructure;
using MeToo.Web.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TestStories = MeToo.Tests.Infrastructure.Stories;

namespace MeToo.Tests.Pages.Moderation;

/// <summary>Readers' reports (DESIGN.md rules 9 and 11) and the reports queue.</summary>
public sealed class ReportTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory().With("RateLimits:SignInsPerAddress", "1000");

    public void Dispose() => _app.Dispose();

    private async Task<string> PublishedStoryAsync(string words = "A published story readers may report.")
    {
        var stories = await _app.WithDbAsync(db => TestStories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), _ => TestStories.Content($"{words} {Guid.NewGuid():N}")));
        return stories[0].PublicId;
    }

    /// <summary>Reports through the real form on the story page, as a same-origin browser would post it.</summary>
    private static async Task<HttpResponseMessage> ReportAsync(HttpClient client, string publicId, string reason = nameof(ReportReason.IdentifiesSomeone), string note = "")
    {
        var page = await Html.GetAsync(client, $"/stories/{publicId}");
        var form = Html.Form(page, "form#report-form");
        using var request = new HttpRequestMessage(HttpMethod.Post, form.Action)
        {
            Content = new FormUrlEncodedContent([new("Reason", reason), new("Note", note)]),
        };
        request.Headers.Add("Origin", "https://localhost");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return await client.SendAsync(request);
    }

    private Task<int> ReportCountAsync(string publicId) =>
        _app.WithDbAsync(db => db.StoryReports.CountAsync(r => db.Stories.Any(s => s.Id == r.StoryId && s.PublicId == publicId)));

    private async Task SetAutoHideAsync(int threshold) =>
        await _app.WithDbAsync(async db =>
        {
            var settings = await db.SiteSettings.SingleAsync();
            settings.AutoHideThreshold = threshold;
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task TheReportForm_HasNoTokenAndSetsNoCookie_AndAReportIsThankedAndStored()
    {
        var publicId = await PublishedStoryAsync();
        var client = _app.CreateClientFrom("203.0.113.1");

        var page = await client.GetAsync($"/stories/{publicId}");
        var document = await Html.ParseAsync(page);
        var response = await ReportAsync(client, publicId, nameof(ReportReason.AuthorTakedown), "I wrote this and <b>regret</b> it.");
        var thanks = await Html.GetAsync(client, response.Headers.Location!.OriginalString);

        Assert.Null(document.QuerySelector("form#report-form input[name=__RequestVerificationToken]"));
        Assert.False(page.Headers.Contains("Set-Cookie"));
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal($"/stories/{publicId}?report=thanks#report", response.Headers.Location!.OriginalString);
        Assert.NotNull(thanks.QuerySelector("#report-thanks"));
        var report = await _app.WithDbAsync(db => db.StoryReports.SingleAsync());
        Assert.Equal((ReportReason.AuthorTakedown, "I wrote this and <b>regret</b> it."), (report.Reason, report.Note));
    }

    [Theory]
    [InlineData("cross-site", null)]
    [InlineData("same-site", null)]
    [InlineData(null, "https://evil.example")]
    [InlineData("same-origin", "https://evil.example")]
    public async Task ACrossSiteOrWrongOriginReport_IsRefused_AndNothingIsStored(string? fetchSite, string? origin)
    {
        var publicId = await PublishedStoryAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/stories/{publicId}/report")
        {
            Content = new FormUrlEncodedContent([new("Reason", nameof(ReportReason.Spam))]),
        };
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
        Assert.Equal(0, await ReportCountAsync(publicId));
    }

    [Fact]
    public async Task OneReportCounts_PerClientStoryAndDay()
    {
        var publicId = await PublishedStoryAsync();
        var reader = _app.CreateClientFrom("198.51.100.7", "Reader/1.0");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await ReportAsync(reader, publicId)).StatusCode);
        }

        await ReportAsync(_app.CreateClientFrom("198.51.100.8", "Reader/1.0"), publicId);
        await ReportAsync(_app.CreateClientFrom("198.51.100.7", "Another browser/2.0"), publicId);
        var sameDay = await ReportCountAsync(publicId);
        _app.Time.Advance(TimeSpan.FromDays(1));
        await ReportAsync(reader, publicId);

        Assert.Equal(3, sameDay);
        Assert.Equal(4, await ReportCountAsync(publicId));
    }

    [Theory]
    [InlineData("NotAReason", "")]
    [InlineData("", "")]
    [InlineData(nameof(ReportReason.Other), "501")]
    public async Task ABadReport_GetsAClearMessage_AndStoresNothing(string reason, string note)
    {
        var publicId = await PublishedStoryAsync();
        var client = _app.CreateClient();

        var response = await ReportAsync(client, publicId, reason, note == "501" ? new string('x', 501) : note);
        var page = await Html.GetAsync(client, response.Headers.Location!.OriginalString);

        Assert.NotNull(page.QuerySelector("#report-error"));
        Assert.Equal(0, await ReportCountAsync(publicId));
    }

    [Fact]
    public async Task AReportNote_IsScreenedLikeAStory_ForModerators()
    {
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app);
        var publicId = await PublishedStoryAsync();
        await ReportAsync(_app.CreateClient(), publicId, nameof(ReportReason.IdentifiesSomeone), "That is my neighbour, call him on +44 20 7946 0958, he deserved it");

        var reports = await Html.GetAsync(moderator, "/moderation/reports");
        var note = reports.QuerySelector($".report-item[data-public-id='{publicId}'] .note-markers")!.TextContent;

        Assert.Contains("phone number", note, StringComparison.Ordinal);
        Assert.Contains("suspect word", note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportingAStoryThatIsNotPublished_IsNotFound()
    {
        var stories = await _app.WithDbAsync(db => TestStories.AddAsync(db, 1, new DateOnly(2026, 3, 1), null));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/stories/{stories[0].PublicId}/report")
        {
            Content = new FormUrlEncodedContent([new("Reason", nameof(ReportReason.Spam))]),
        };

        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task AutomaticHiding_IsOffByDefault()
    {
        var publicId = await PublishedStoryAsync();
        for (var i = 1; i <= 12; i++)
        {
            await ReportAsync(_app.CreateClientFrom($"192.0.2.{i}"), publicId);
        }

        Assert.Equal(12, await ReportCountAsync(publicId));
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync($"/stories/{publicId}")).StatusCode);
    }

    [Fact]
    public async Task WhenOn_AHiddenStoryLeavesTheSite_AndGoesToTheTopOfTheQueue()
    {
        await SetAutoHideAsync(3);
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app);
        await ModerationJourney.SharedStoryAsync(_app, $"An older pending story waiting in the queue for a while now. {Guid.NewGuid():N}");
        var publicId = await PublishedStoryAsync();

        for (var i = 1; i <= 3; i++)
        {
            await ReportAsync(_app.CreateClientFrom($"192.0.2.{i}"), publicId);
        }

        var queue = await Html.GetAsync(moderator, "/moderation");

        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync($"/stories/{publicId}")).StatusCode);
        Assert.Equal(publicId, queue.QuerySelector(".queue-item")!.GetAttribute("data-public-id"));
        Assert.Contains("hidden after reports", queue.QuerySelector(".queue-item")!.TextContent, StringComparison.Ordinal);
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Action == StaffActions.AutoHidden && e.StoryPublicId == publicId)));
    }

    [Fact]
    public async Task Keep_ProtectsAStoryFromAutomaticHiding_ForTheConfiguredTime()
    {
        await SetAutoHideAsync(3);
        var (moderator, name) = await ModerationJourney.SignedInAsync(_app);
        var publicId = await PublishedStoryAsync();
        await ReportAsync(_app.CreateClientFrom("192.0.2.1"), publicId);

        var reports = await Html.GetAsync(moderator, "/moderation/reports");
        var form = Html.Form(reports, $".report-item[data-public-id='{publicId}'] form.keep-form");
        var kept = await Html.ParseAsync(await Html.SubmitAsync(moderator, form));
        for (var i = 2; i <= 6; i++)
        {
            await ReportAsync(_app.CreateClientFrom($"192.0.2.{i}"), publicId);
        }

        var whileProtected = await _app.CreateClient().GetAsync($"/stories/{publicId}");
        _app.Time.Advance(TimeSpan.FromDays(31));

        // The reports made while it was protected still stand: the next one hides it.
        await ReportAsync(_app.CreateClientFrom("192.0.2.7"), publicId);

        Assert.NotNull(kept.QuerySelector("#reports-notice"));
        Assert.Equal(HttpStatusCode.OK, whileProtected.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync($"/stories/{publicId}")).StatusCode);
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.StoryKept && e.StoryPublicId == publicId)));
    }

    [Fact]
    public async Task TheReportsQueue_DismissesReturnsAndRemoves()
    {
        var (moderator, name) = await ModerationJourney.SignedInAsync(_app);
        var dismissed = await PublishedStoryAsync("Dismissed.");
        var returned = await PublishedStoryAsync("Returned.");
        var removed = await PublishedStoryAsync("Removed.");
        var note = $"The note names someone {Guid.NewGuid():N}";
        foreach (var id in new[] { dismissed, returned, removed })
        {
            await ReportAsync(_app.CreateClient(), id, nameof(ReportReason.IdentifiesSomeone), note);
        }

        async Task ActAsync(string id, string formClass)
        {
            var page = await Html.GetAsync(moderator, "/moderation/reports");
            var result = await Html.ParseAsync(await Html.SubmitAsync(moderator, Html.Form(page, $".report-item[data-public-id='{id}'] form.{formClass}")));
            Assert.NotNull(result.QuerySelector("#reports-notice"));
        }

        var list = await Html.GetAsync(moderator, "/moderation/reports");
        Assert.Contains(note, list.QuerySelector($".report-item[data-public-id='{removed}'] .reports.under-review")!.TextContent, StringComparison.Ordinal);
        await ActAsync(dismissed, "dismiss-form");
        await ActAsync(returned, "return-form");
        await ActAsync(removed, "remove-form");
        var files = await Files.DatabaseFilesAsync(_app.DatabasePath);

        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync($"/stories/{dismissed}")).StatusCode);
        Assert.Equal(0, await ReportCountAsync(dismissed));
        Assert.Equal(StoryStatus.Pending, await _app.WithDbAsync(db => db.Stories.Where(s => s.PublicId == returned).Select(s => s.Status).SingleAsync()));
        Assert.False(await _app.WithDbAsync(db => db.Stories.AnyAsync(s => s.PublicId == removed)));
        Assert.Equal(0, await _app.WithDbAsync(db => db.StoryReports.CountAsync()));
        Assert.All(files, file => Assert.False(Files.Contains(file.Value, note), $"a report note is still in {file.Key}"));
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.StoryRemoved && e.StoryPublicId == removed && e.ReasonCode == nameof(ReportReason.IdentifiesSomeone))));
        Assert.Empty((await Html.GetAsync(moderator, "/moderation/reports")).QuerySelectorAll(".report-item"));
    }
}

public sealed class DailyClientKeysTests
{
    [Fact]
    public void TheSameClient_CountsOncePerDay_AndSaltsAndKeysAreGoneAfter48Hours()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 23, 0, 0, TimeSpan.Zero));
        var keys = new DailyClientKeys(time);
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("203.0.113.9");
        context.Request.Headers.UserAgent = "Reader/1.0";

        var first = keys.TryRecord("support", "story-a", context);
        var again = keys.TryRecord("support", "story-a", context);
        var otherStory = keys.TryRecord("support", "story-b", context);
        time.Advance(TimeSpan.FromHours(2));
        var nextDay = keys.TryRecord("support", "story-a", context);
        keys.Purge();
        var afterOneDay = keys.Days.Count;
        time.Advance(TimeSpan.FromHours(47));
        keys.Purge();

        Assert.Equal((true, false, true, true), (first, again, otherStory, nextDay));
        Assert.Equal(2, afterOneDay);
        Assert.DoesNotContain(new DateOnly(2026, 3, 14), keys.Days);
        Assert.DoesNotContain(new DateOnly(2026, 3, 15), keys.Days);
    }

    [Fact]
    public async Task TheAppsPurgeService_RunsOnTheInjectedClock()
    {
        using var app = new MeTooFactory();
        _ = app.CreateClient();
        var keys = app.Services.GetRequiredService<DailyClientKeys>();
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        keys.TryRecord("report", "x", context);

        await Eventually.AdvanceUntilAsync(app.Time, TimeSpan.FromHours(49), () => keys.Days.Count, count => count == 0);

        Assert.Empty(keys.Days);
    }
}
