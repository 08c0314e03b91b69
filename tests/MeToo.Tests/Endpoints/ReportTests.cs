using System.Net;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using TestStories = MeToo.Tests.Harness.Stories;

namespace MeToo.Tests.Endpoints;

/// <summary>Readers' reports (privacy rules 9 and 11) and the reports queue.</summary>
public sealed class ReportTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory().With("RateLimits:SignInsPerAddress", "1000");

    public void Dispose() => _app.Dispose();

    private async Task<string> PublishedStoryAsync(string words = "A published story readers may report.")
    {
        var stories = await _app.WithDbAsync(db => TestStories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), _ => TestStories.Content($"{words} {Guid.NewGuid():N}")));
        return stories[0].PublicId;
    }

    private static Task<HttpResponseMessage> ReportAsync(HttpClient client, string publicId, string reason = nameof(ReportReason.IdentifiesSomeone), string note = "") =>
        ReaderJourney.ReportAsync(client, publicId, reason, note);

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

        Assert.Contains("Phone number", note, StringComparison.Ordinal);
        Assert.Contains("Suspect word", note, StringComparison.Ordinal);
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
            await ReportAsync(_app.CreateClientFrom($"198.{i}.100.1"), publicId); // a network each (/24)
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
            await ReportAsync(_app.CreateClientFrom($"198.{i}.100.1"), publicId); // a network each (/24)
        }

        var queue = await Html.GetAsync(moderator, "/moderation");

        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync($"/stories/{publicId}")).StatusCode);
        Assert.Equal(publicId, queue.QuerySelector(".queue-item")!.GetAttribute("data-public-id"));
        Assert.Contains("hidden after reports", queue.QuerySelector(".queue-item")!.TextContent, StringComparison.Ordinal);
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Action == StaffActions.AutoHidden && e.StoryPublicId == publicId)));
    }

    /// <summary>The audit's brigade of one: 25 counted reports from one address by rotating the user agent.</summary>
    [Fact]
    public async Task OneAddress_RotatingItsUserAgent_CannotHideAStory()
    {
        await SetAutoHideAsync(3);
        var publicId = await PublishedStoryAsync();

        for (var i = 0; i < 10; i++)
        {
            await ReportAsync(_app.CreateClientFrom("192.0.2.77", $"Browser/{i}"), publicId);
        }

        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync($"/stories/{publicId}")).StatusCode);
        Assert.Equal(1, await _app.WithDbAsync(db => db.StoryReports.CountAsync(r => r.CountsTowardsHiding && db.Stories.Any(s => s.Id == r.StoryId && s.PublicId == publicId))));
    }

    [Fact]
    public async Task ReportsFromOneIPv6Block_CountAsOneAddress()
    {
        await SetAutoHideAsync(3);
        var publicId = await PublishedStoryAsync();

        foreach (var address in new[] { "2001:db8:aa:bb::1", "2001:db8:aa:bb::2", "2001:db8:aa:bb:ffff::3" })
        {
            await ReportAsync(_app.CreateClientFrom(address), publicId);
        }

        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync($"/stories/{publicId}")).StatusCode);
    }

    /// <summary>
    /// The audit's household: five reports from five /64s inside one /56 hid a story (automatic hiding
    /// at 5). Reporters count as distinct only across /48s (IPv6) and /24s (IPv4).
    /// </summary>
    [Theory]
    [InlineData("2001:db8:77:100::1", "2001:db8:77:101::1", "2001:db8:77:102::1", "2001:db8:77:1ff::1", "2001:db8:77:4400::1")] // one /48, several /56s
    [InlineData("203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.40", "203.0.113.250")] // one /24
    public async Task ReportsFromOneNetwork_CountAsOneReporter_ForAutomaticHiding(string a, string b, string c, string d, string e)
    {
        await SetAutoHideAsync(5);
        var publicId = await PublishedStoryAsync();

        foreach (var address in new[] { a, b, c, d, e })
        {
            await ReportAsync(_app.CreateClientFrom(address), publicId);
        }

        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync($"/stories/{publicId}")).StatusCode);
        Assert.Equal(5, await ReportCountAsync(publicId)); // each is still a report a moderator reads
        Assert.Equal(1, await _app.WithDbAsync(db => db.StoryReports.CountAsync(r => r.CountsTowardsHiding && db.Stories.Any(s => s.Id == r.StoryId && s.PublicId == publicId))));
    }

    [Fact]
    public async Task ReportsFromFiveNetworks_HideAStory_WhenAutomaticHidingIsOnAtFive()
    {
        await SetAutoHideAsync(5);
        var publicId = await PublishedStoryAsync();

        foreach (var address in new[] { "2001:db8:1::1", "2001:db8:2::1", "2001:db8:3::1", "203.0.113.9", "198.51.100.9" })
        {
            await ReportAsync(_app.CreateClientFrom(address), publicId);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync($"/stories/{publicId}")).StatusCode);
    }

    /// <summary>The audit's trailing slash: a second spelling of the route skipped the limit matched by hand.</summary>
    [Fact]
    public async Task ReportsAreLimitedPerAddress_WhateverTheSpellingOfTheRoute()
    {
        using var app = new MeTooFactory().With("RateLimits:ReportsPerClient", "3");
        var stories = await app.WithDbAsync(db => TestStories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        var publicId = stories[0].PublicId;
        var client = app.CreateClientFrom("192.0.2.200");
        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { $"/stories/{publicId}/report", $"/stories/{publicId}/report/", $"/STORIES/{publicId}/REPORT", $"/stories/{publicId}/report/", $"/stories/{publicId}/report" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([new("Reason", "Spam")]) };
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^2]);
    }

    [Fact]
    public async Task WhenTheKeyStoreIsFull_ReportsAreRefused_AndSupportIsThankedButNotCounted()
    {
        using var app = new MeTooFactory().With("ClientKeys:MaxKeysPerDay", "2");
        var stories = await app.WithDbAsync(db => TestStories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        var publicId = stories[0].PublicId;
        using var fill = new HttpRequestMessage(HttpMethod.Post, $"/stories/{publicId}/support") { Content = new FormUrlEncodedContent([]) };
        await app.CreateClientFrom("192.0.2.1").SendAsync(fill);
        using var fill2 = new HttpRequestMessage(HttpMethod.Post, $"/stories/{publicId}/support") { Content = new FormUrlEncodedContent([]) };
        await app.CreateClientFrom("192.0.2.2").SendAsync(fill2);

        using var support = new HttpRequestMessage(HttpMethod.Post, $"/stories/{publicId}/support") { Content = new FormUrlEncodedContent([]) };
        var supported = await app.CreateClientFrom("192.0.2.3").SendAsync(support);
        using var report = new HttpRequestMessage(HttpMethod.Post, $"/stories/{publicId}/report") { Content = new FormUrlEncodedContent([new("Reason", "Spam")]) };
        var reported = await app.CreateClientFrom("192.0.2.4").SendAsync(report);

        Assert.Equal(HttpStatusCode.Redirect, supported.StatusCode); // fails open: thanked as always
        Assert.Equal(2, await app.WithDbAsync(db => db.Stories.Where(s => s.PublicId == publicId).Select(s => s.SupportCount).SingleAsync()));
        Assert.Equal(HttpStatusCode.TooManyRequests, reported.StatusCode); // fails closed
        Assert.NotNull(reported.Headers.RetryAfter);
        Assert.Equal(0, await app.WithDbAsync(db => db.StoryReports.CountAsync()));
    }

    [Fact]
    public async Task Keep_ProtectsAStoryFromAutomaticHiding_ForTheConfiguredTime()
    {
        await SetAutoHideAsync(3);
        var (moderator, name) = await ModerationJourney.SignedInAsync(_app);
        var publicId = await PublishedStoryAsync();
        await ReportAsync(_app.CreateClientFrom("198.1.100.1"), publicId);

        var reports = await Html.GetAsync(moderator, "/moderation/reports");
        var form = Html.Form(reports, $".report-item[data-public-id='{publicId}'] form.keep-form");
        var kept = await Html.ParseAsync(await Html.SubmitAsync(moderator, form));
        for (var i = 2; i <= 6; i++)
        {
            await ReportAsync(_app.CreateClientFrom($"198.{i}.100.1"), publicId); // a network each (/24)
        }

        var whileProtected = await _app.CreateClient().GetAsync($"/stories/{publicId}");
        _app.Time.Advance(TimeSpan.FromDays(31));

        // The reports made while it was protected still stand: the next one hides it.
        await ReportAsync(_app.CreateClientFrom("198.7.100.1"), publicId);

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
        var files = await Files.DatabaseFilesAsync(_app);

        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync($"/stories/{dismissed}")).StatusCode);
        Assert.Equal(0, await ReportCountAsync(dismissed));
        Assert.Equal(StoryStatus.Pending, await _app.WithDbAsync(db => db.Stories.Where(s => s.PublicId == returned).Select(s => s.Status).SingleAsync()));
        Assert.False(await _app.WithDbAsync(db => db.Stories.AnyAsync(s => s.PublicId == removed)));
        Assert.Equal(0, await _app.WithDbAsync(db => db.StoryReports.CountAsync()));
        Assert.All(files, file => Assert.False(Files.Contains(file.Value, note), $"a report note is still in {file.Key}"));
        // The audit records who removed a story and why, but keeps no reference to it (privacy rule 8).
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.StoryRemoved && e.StoryPublicId == null && e.ReasonCode == nameof(ReportReason.IdentifiesSomeone))));
        Assert.False(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.StoryPublicId == removed)));
        Assert.Empty((await Html.GetAsync(moderator, "/moderation/reports")).QuerySelectorAll(".report-item"));
    }
}
