using System.Net;
using MeToo.Tests.Harness;
using MeToo.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeToo.Tests.Pages.Stories;

/// <summary>
/// Overload is a 429 with Retry-After and the reader's words kept in the form — never a 5xx, never a
/// search that quietly drags every reader down. Browsing without words is not limited.
/// </summary>
public sealed class SearchLimitTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory()
        .With("RateLimits:SearchesPerAddress", "3")
        .With("RateLimits:SearchesAtOnce", "1")
        .With("RateLimits:SearchQueue", "0");

    public void Dispose() => _app.Dispose();

    private const string Words = "harbour “night shift”";

    private static string SearchUrl => "/stories?sort=relevant&setting=workplace&q=" + Uri.EscapeDataString(Words);

    private static void AssertHeldBackWithTheWordsKept(HttpResponseMessage response, AngleSharp.Html.Dom.IHtmlDocument page)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.InRange(response.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Contains("has not run yet", page.QuerySelector("#search-busy")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Words, page.QuerySelector("form#story-filters input#q")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#sort option[value='relevant'][selected]"));
        Assert.NotNull(page.QuerySelector("#setting option[value='workplace'][selected]"));
        Assert.Null(page.QuerySelector("#no-results"));
    }

    [Fact]
    public async Task OneAddressOverItsSearches_IsAnswered429_WithItsWordsStillInTheForm_AndMayStillBrowse()
    {
        var client = _app.CreateClientFrom("203.0.113.40");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(SearchUrl)).StatusCode);
        }

        var response = await client.GetAsync(SearchUrl);
        AssertHeldBackWithTheWordsKept(response, await Html.ParseAsync(response));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/stories?setting=workplace")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClientFrom("203.0.113.41").GetAsync(SearchUrl)).StatusCode);
    }

    [Fact]
    public async Task WhenTheSearchesAtOnceAreTaken_ASearchIsAnswered429_AndRunsAgainOnceOneEnds()
    {
        var limiter = _app.Services.GetRequiredService<SearchLimiter>();
        var (running, answer) = await limiter.AcquireAsync("198.51.100.7", CancellationToken.None);
        Assert.True(answer.Allowed);
        var client = _app.CreateClientFrom("203.0.113.42");

        var busy = await client.GetAsync(SearchUrl);
        AssertHeldBackWithTheWordsKept(busy, await Html.ParseAsync(busy));

        running.Dispose();
        var after = await client.GetAsync(SearchUrl);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Null((await Html.ParseAsync(after)).QuerySelector("#search-busy"));
    }

    [Fact]
    public async Task WhileTheSearchThreadsAreBusy_ASearchBeyondCapacity_IsRefusedAtOnce_NotQueuedBehindThem()
    {
        // A search's page is rendered on the search threads (SearchAdmission): admitted there unrefused,
        // every search queued behind the busy thread and none was told 429.
        var threads = _app.Services.GetRequiredService<MeToo.Web.Reading.SearchThreads>();
        var busy = new TaskCompletionSource();
        var blocking = threads.RunAsync(() => { busy.Task.Wait(); return Task.FromResult(0); }, CancellationToken.None);
        Task<HttpResponseMessage> first, second;
        Task answered;
        try
        {
            first = _app.CreateClientFrom("203.0.113.43").GetAsync(SearchUrl);
            second = _app.CreateClientFrom("203.0.113.44").GetAsync(SearchUrl);
            answered = await Task.WhenAny(first, second, Task.Delay(TimeSpan.FromSeconds(15)));
        }
        finally
        {
            busy.SetResult();
            await blocking;
        }

        Assert.True(answered == first || answered == second, "neither search was answered while the search threads were busy");
        var stillOpen = !(answered == first ? second : first).IsCompleted;
        var refused = await (Task<HttpResponseMessage>)answered;
        var admitted = await (answered == first ? second : first);

        AssertHeldBackWithTheWordsKept(refused, await Html.ParseAsync(refused));
        Assert.True(stillOpen, "the admitted search waited for the busy search thread");
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
    }

    [Fact]
    public async Task ASearchWaitingInTheQueue_IsAnswered429_OnceItHasWaitedItsLongest_NotLeftHanging()
    {
        // Under a flood of clients asking again the instant they are refused, queued searches waited
        // more than 10 s for their turn at a million stories, and a reader's browser gave up.
        using var app = new MeTooFactory()
            .With("RateLimits:SearchesAtOnce", "1")
            .With("RateLimits:SearchQueue", "4")
            .With("RateLimits:SearchQueueWait", "00:00:01");
        var limiter = app.Services.GetRequiredService<SearchLimiter>();
        var (running, answer) = await limiter.AcquireAsync("198.51.100.8", CancellationToken.None);
        Assert.True(answer.Allowed);
        var client = app.CreateClientFrom("203.0.113.43");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var busy = await client.GetAsync(SearchUrl);
        clock.Stop();
        AssertHeldBackWithTheWordsKept(busy, await Html.ParseAsync(busy));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"refused after {clock.Elapsed}: it should have waited in the queue for its turn first");

        // A search queued while the one ahead of it ends in time runs.
        var queued = client.GetAsync(SearchUrl);
        await Task.Delay(200);
        running.Dispose();
        var after = await queued;
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Null((await Html.ParseAsync(after)).QuerySelector("#search-busy"));
    }
}
