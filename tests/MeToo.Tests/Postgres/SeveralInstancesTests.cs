using System.Net;
using MeToo.Tests.Harness;
using MeToo.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeToo.Tests.Postgres;

/// <summary>
/// Two instances of the app on one PostgreSQL database behind a load balancer that sends each request
/// to the other instance (issue 13): what one instance made, the other must read.
/// </summary>
public sealed class SeveralInstancesTests : IDisposable
{
    private readonly MeTooFactory _first = new(DatabaseEngine.Postgres);
    private readonly MeTooFactory _second;
    private readonly LoadBalancer _balancer;

    public SeveralInstancesTests()
    {
        _second = MeTooFactory.AnotherInstanceOf(_first);
        _ = _first.Services;
        _ = _second.Services;
        _balancer = new LoadBalancer(_first, _second);
    }

    public void Dispose()
    {
        _balancer.Dispose();
        _second.Dispose();
        _first.Dispose();
    }

    [Fact]
    public async Task AStaffSignIn_MadeOnOneInstance_IsHonouredByTheOther_AndItsFormsToo()
    {
        var name = "mod-" + Guid.NewGuid().ToString("N")[..8];
        await StaffJourney.CreateAsync(_first, name);
        var browser = _balancer.Browser();

        var signIn = await StaffJourney.SignInAsync(browser, name); // the form from one instance, posted to the other
        var account = await browser.GetAsync("/account"); // the cookie one instance made, read by the other

        Assert.Equal("/account", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, account.StatusCode);
        Assert.Equal([1, 0, 1], _balancer.Answered);
        Assert.Contains(name, (await Html.ParseAsync(account)).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAuthorsShare_FormPreviewAndSubmit_OnAlternatingInstances_MakesOneStory()
    {
        var browser = _balancer.Browser();
        var body = $"It happened at work and I am writing it here, across two servers. {Guid.NewGuid():N}";

        var receipt = await Journeys.ShareAndGetReceiptAsync(browser, body);

        Assert.Matches("^[0-9A-Z]{4}(-[0-9A-Z]{4})+$", receipt);
        Assert.Equal(1, await _second.WithDbAsync(db => db.Stories.CountAsync(s => s.Body == body)));
        Assert.Equal([1, 0, 1], _balancer.Answered);
    }

    [Fact]
    public async Task TheKeyRing_IsOneInTheDatabase_EachKeyEncryptedWithTheCertificate()
    {
        var browser = _balancer.Browser();
        await browser.GetAsync("/share");
        await browser.GetAsync("/share");

        var keys = await _first.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"Xml\" AS \"Value\" FROM \"DataProtectionKeys\"").ToListAsync());

        var key = Assert.Single(keys);
        Assert.Contains("EncryptedData", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", key, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_first.Folder, "keys")) && Directory.EnumerateFiles(Path.Combine(_first.Folder, "keys")).Any(), "no key ring on disk");
    }

    [Fact]
    public async Task OneReadersSupport_ReachingBothInstances_CountsOnce_AndAnotherReadersCountsToo()
    {
        var story = (await _first.WithDbAsync(db => Harness.Stories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2))))[0];
        var reader = _balancer.Browser();
        reader.DefaultRequestHeaders.Add(MeTooFactory.ClientAddressHeader, "203.0.113.50");
        var another = _balancer.Browser();
        another.DefaultRequestHeaders.Add(MeTooFactory.ClientAddressHeader, "198.51.100.50");

        await reader.PostAsync($"/stories/{story.PublicId}/support", new FormUrlEncodedContent([]));
        await reader.PostAsync($"/stories/{story.PublicId}/support", new FormUrlEncodedContent([]));
        await another.PostAsync($"/stories/{story.PublicId}/support", new FormUrlEncodedContent([]));

        Assert.Equal([1, 0, 1], _balancer.Answered);
        Assert.Equal(2, await _second.WithDbAsync(db => db.Stories.Where(s => s.Id == story.Id).Select(s => s.SupportCount).SingleAsync()));
    }

    /// <summary>A retry that reaches the other instance — twice at the same moment, then once more — makes no second story.</summary>
    [Fact]
    public async Task TheFinalSend_RepeatedOnBothInstances_MakesOneStory_AndShowsTheSameReceipt()
    {
        var browser = _balancer.Browser();
        var body = $"A story sent twice at once, each send reaching another server. {Guid.NewGuid():N}";
        var preview = await Journeys.PreviewAsync(browser, Html.Values(("Draft.Body", body)));
        var confirm = Html.Form(preview, "form#share-form");

        var sends = await Task.WhenAll(Html.SubmitAsync(browser, confirm), Html.SubmitAsync(browser, confirm));
        var again = await Html.SubmitAsync(browser, confirm);

        var receipts = new List<string?>();
        foreach (var response in sends.Append(again))
        {
            receipts.Add((await Html.ParseAsync(response)).QuerySelector("#receipt-code")?.TextContent.Trim());
        }

        Assert.NotNull(receipts[0]);
        Assert.All(receipts, r => Assert.Equal(receipts[0], r));
        Assert.Contains(0, _balancer.Answered[^3..]);
        Assert.Contains(1, _balancer.Answered[^3..]);
        Assert.Equal(1, await _first.WithDbAsync(db => db.Stories.CountAsync(s => s.Body == body)));
        var stored = await _first.DatabaseContentsAsync();
        Assert.DoesNotContain(receipts[0]!.Replace("-", string.Empty, StringComparison.Ordinal), stored, StringComparison.Ordinal);
    }

    /// <summary>The bound of decision 0014: a story withdrawn through one instance is gone from another's cached pages within a second.</summary>
    [Fact]
    public async Task AStoryWithdrawnOnOneInstance_LeavesTheOthersCachedPages_WithinASecond()
    {
        foreach (var app in new[] { _first, _second })
        {
            var gate = app.Services.GetRequiredService<PublicPageCacheGate>();
            await Eventually.WaitForAsync(() => gate.IsOpen, open => open, TimeSpan.FromSeconds(10));
        }

        var body = $"A story read on one server and withdrawn on the other. {Guid.NewGuid():N}";
        var (publicId, receipt) = await ModerationJourney.SharedStoryAsync(_first, body);
        var (moderator, _) = await ModerationJourney.SignedInAsync(_first);
        Assert.True(ModerationJourney.WentToQueue(await ModerationJourney.ApproveAsync(moderator, publicId)));
        var reader = _second.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/stories/{publicId}")).StatusCode);
        var cached = await reader.GetAsync($"/stories/{publicId}");
        Assert.True(cached.Headers.Age is not null, "the second instance serves the story from its cache");

        await MyStoryJourney.WithdrawAsync(_first.CreateClient(), receipt);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var status = await Eventually.WaitForAsync(
            async () => (await reader.GetAsync($"/stories/{publicId}")).StatusCode,
            code => code == HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(5));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"gone from the other instance after {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    /// <summary>
    /// A reader's tap on one instance, and their next page on the other: the page they land on
    /// shows their tap at once, and the other instance's cached story page follows within a second.
    /// </summary>
    [Fact]
    public async Task ASupportOnOneInstance_ShowsOnTheOther_OnTheLandingPageAtOnce_AndTheStoryPageWithinASecond()
    {
        foreach (var app in new[] { _first, _second })
        {
            var gate = app.Services.GetRequiredService<PublicPageCacheGate>();
            await Eventually.WaitForAsync(() => gate.IsOpen, open => open, TimeSpan.FromSeconds(10));
        }

        var stories = await _first.WithDbAsync(db => Stories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        var publicId = stories[0].PublicId;
        var onSecond = _second.CreateClientFrom("203.0.113.51");
        await onSecond.GetAsync($"/stories/{publicId}");
        Assert.True((await onSecond.GetAsync($"/stories/{publicId}")).Headers.Age is not null, "the second instance serves the story from its cache");

        using var support = new HttpRequestMessage(HttpMethod.Post, $"/stories/{publicId}/support") { Content = new FormUrlEncodedContent([]) };
        var tapped = await _first.CreateClientFrom("203.0.113.51").SendAsync(support);
        var landing = await Html.GetAsync(onSecond, tapped.Headers.Location!.OriginalString);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var storyPage = await Eventually.WaitForAsync(
            async () => (await Html.GetAsync(onSecond, $"/stories/{publicId}")).QuerySelector(".support-count")!.TextContent,
            text => text.Contains("1 person", StringComparison.Ordinal),
            TimeSpan.FromSeconds(5));

        Assert.Contains("1 person stands with them", landing.QuerySelector(".support-count")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 person stands with them", storyPage, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the other instance's story page followed after {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    /// <summary>Background jobs with several instances: the retention run is one at a time (an advisory lock), and does its work once free.</summary>
    [Fact]
    public async Task TheRetentionRun_WaitsItsTurnWhileAnotherInstanceRunsIt_ThenPurges()
    {
        var today = DateOnly.FromDateTime(_first.Time.GetUtcNow().UtcDateTime);
        await _first.WithDbAsync(async db =>
        {
            var stories = await Harness.Stories.AddAsync(db, 1, today.AddDays(-100), null);
            stories[0].Reject(MeToo.Web.Domain.RejectionReason.Spam, null, today.AddDays(-40));
            await db.SaveChangesAsync();
        });

        async Task<MeToo.Web.Moderation.RetentionJob.Result> RunOnSecondAsync()
        {
            using var scope = _second.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<MeToo.Web.Moderation.RetentionJob>().RunAsync();
        }

        // A session of its own (not pooled), as another instance's would be.
        await using (var other = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(_first.PostgresDatabase) { Pooling = false }.ConnectionString))
        {
            await other.OpenAsync();
            await using var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({MeToo.Web.Moderation.RetentionJob.LockKey})", other);
            await take.ExecuteScalarAsync(); // "the first instance" is mid-run

            var whileHeld = await RunOnSecondAsync();

            Assert.True(whileHeld.RunningElsewhere);
            Assert.Equal(1, await _first.WithDbAsync(db => db.Stories.CountAsync()));

            // "The first instance" finishes (released here: a closed session's locks go only once its server process has ended).
            await using var release = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({MeToo.Web.Moderation.RetentionJob.LockKey})", other);
            await release.ExecuteScalarAsync();
        }

        var afterwards = await RunOnSecondAsync();

        Assert.False(afterwards.RunningElsewhere);
        Assert.Equal(1, afterwards.Rejected);
        Assert.Equal(0, await _first.WithDbAsync(db => db.Stories.CountAsync()));
    }
}
