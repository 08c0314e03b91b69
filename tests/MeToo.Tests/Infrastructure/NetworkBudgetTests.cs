using System.Net;
using MeToo.Tests.Harness;
using Microsoft.EntityFrameworkCore;
using TestStories = MeToo.Tests.Harness.Stories;

namespace MeToo.Tests.Infrastructure;

/// <summary>
/// One household counts as one, not as its many IPv6 /64s (docs/security.md, "What each limit
/// allows"): support, #MeToo and shares have budgets per /56 (4 × the /64's by default) and per /48
/// (16 ×) as well as per /64; beyond them taps are answered but not counted, and shares are held back.
/// </summary>
public sealed class NetworkBudgetTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory()
        .With("RateLimits:TapsPerAddressPerDay", "2") // a /56: 8, a /48: 32
        .With("RateLimits:SharePerClient", "1") // a /56: 4
        .With("RateLimits:ShareGlobal", "1000");

    public void Dispose() => _app.Dispose();

    private static HttpRequestMessage Tap(string url) => new(HttpMethod.Post, url) { Content = new FormUrlEncodedContent([]) };

    private Task<int> TotalSupportAsync() => _app.WithDbAsync(db => db.Stories.SumAsync(s => s.SupportCount));

    [Fact]
    public async Task FiveSlash64sOfOneSlash56_AddAtMostTheSlash56sBudget_OfSupport()
    {
        var stories = (await _app.WithDbAsync(db => TestStories.AddAsync(db, 2, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)))).Select(s => s.PublicId).ToList();

        for (var block = 0; block < 5; block++)
        {
            var client = _app.CreateClientFrom($"2001:db8:aa:10{block}::1");
            foreach (var id in stories)
            {
                using var tap = Tap($"/stories/{id}/support");
                Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(tap)).StatusCode); // answered the same either way
            }
        }

        Assert.Equal(8, await TotalSupportAsync()); // 10 taps, each /64 within its own 2, the /56 at 4 × 2
    }

    /// <summary>The audit's finding: 40 /64s of one /48 added 40 supports to one story.</summary>
    [Fact]
    public async Task FortySlash64sOfOneSlash48_OnDifferentSlash56s_AddAtMostTheSlash48sBudget()
    {
        var id = (await _app.WithDbAsync(db => TestStories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2))))[0].PublicId;

        for (var block = 0; block < 40; block++)
        {
            using var tap = Tap($"/stories/{id}/support");
            await _app.CreateClientFrom($"2001:db8:bb:{block:x2}00::1").SendAsync(tap);
        }

        Assert.Equal(32, await TotalSupportAsync()); // each /56 once, the /48 at 16 × 2
    }

    [Fact]
    public async Task IPv4Addresses_AndSeparateSlash48s_KeepTheirOwnBudgets()
    {
        var id = (await _app.WithDbAsync(db => TestStories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2))))[0].PublicId;

        for (var i = 0; i < 20; i++)
        {
            using var v4 = Tap($"/stories/{id}/support");
            await _app.CreateClientFrom($"198.51.100.{i + 1}").SendAsync(v4);
            using var v6 = Tap($"/stories/{id}/support");
            await _app.CreateClientFrom($"2001:db8:{i + 1:x}::1").SendAsync(v6);
        }

        Assert.Equal(40, await TotalSupportAsync());
    }

    [Fact]
    public async Task SayingMeToo_FromManySlash64sOfOneSlash56_CountsAtMostItsBudget()
    {
        for (var block = 0; block < 12; block++)
        {
            using var tap = Tap("/metoo");
            await _app.CreateClientFrom($"2001:db8:cc:1{block:x}::1").SendAsync(tap);
        }

        Assert.Equal(8, await _app.WithDbAsync(db => db.DailyTallies.Where(t => t.Kind == MeToo.Web.Domain.TallyKinds.MeToo).SumAsync(t => t.Count)));
    }

    [Fact]
    public async Task Shares_FromManySlash64sOfOneSlash56_AreHeldBackPastItsBudget_WithTheDraftKept()
    {
        for (var block = 0; block < 4; block++)
        {
            await Journeys.ShareAndGetReceiptAsync(_app.CreateClientFrom($"2001:db8:dd:1{block}::1"), $"{Journeys.SampleBody} household {block}");
        }

        var fifth = await Journeys.ShareAsync(_app.CreateClientFrom("2001:db8:dd:14::1"), Html.Values(("Draft.Body", Journeys.SampleBody + " household 4")));
        var elsewhere = await Journeys.ShareAndGetReceiptAsync(_app.CreateClientFrom("2001:db8:dd:200::1"), Journeys.SampleBody + " another home");

        Assert.NotNull(fifth.QuerySelector("#share-held-back"));
        Assert.Equal(5, await _app.WithDbAsync(db => db.Stories.CountAsync()));
        Assert.False(string.IsNullOrEmpty(elsewhere));
    }
}
