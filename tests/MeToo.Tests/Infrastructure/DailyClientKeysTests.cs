using MeToo.Tests.Harness;
using MeToo.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MeToo.Tests.Infrastructure;

public sealed class DailyClientKeysTests
{
    private static DefaultHttpContext Client(string address, string agent = "Reader/1.0")
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);
        context.Request.Headers.UserAgent = agent;
        return context;
    }

    /// <summary>The audit grew the store without bound by rotating the user agent.</summary>
    [Fact]
    public void TheStoreIsBounded_AndSaysSoWhenFull()
    {
        var keys = new DailyClientKeys(new FakeTimeProvider(MeTooFactory.DefaultNow), Options.Create(new ClientKeyOptions { MaxKeysPerDay = 3 }));

        var results = Enumerable.Range(0, 5).Select(i => keys.Record("support", "story-a", Client("203.0.113.9", $"Agent/{i}"))).ToList();

        Assert.Equal([KeyResult.First, KeyResult.First, KeyResult.First, KeyResult.Full, KeyResult.Full], results);
        Assert.Equal(KeyResult.Again, keys.Record("support", "story-a", Client("203.0.113.9", "Agent/0")));
        keys.Forget("story-a");
        Assert.Equal(KeyResult.First, keys.Record("support", "story-b", Client("203.0.113.9")));
    }

    [Fact]
    public void ByAddressOnly_AnAddressIsOneClient_WhateverItsUserAgent_AndAnIPv6ClientIsItsSlash64()
    {
        var keys = new DailyClientKeys(new FakeTimeProvider(MeTooFactory.DefaultNow), Options.Create(new ClientKeyOptions()));

        var first = keys.Record("report-address", "s", Client("2001:db8:5:6::1", "A"), addressOnly: true);
        var rotated = keys.Record("report-address", "s", Client("2001:db8:5:6::99", "B"), addressOnly: true);
        var other = keys.Record("report-address", "s", Client("2001:db8:5:7::1", "A"), addressOnly: true);

        Assert.Equal((KeyResult.First, KeyResult.Again, KeyResult.First), (first, rotated, other));
    }

    [Fact]
    public void TheSameClient_CountsOncePerDay_AndSaltsAndKeysAreGoneAfter48Hours()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 23, 0, 0, TimeSpan.Zero));
        var keys = new DailyClientKeys(time, Options.Create(new ClientKeyOptions()));
        var context = Client("203.0.113.9");
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
        keys.TryRecord("report", "x", Client("203.0.113.1"));

        await Eventually.AdvanceUntilAsync(app.Time, TimeSpan.FromHours(49), () => keys.Days.Count, count => count == 0);

        Assert.Empty(keys.Days);
    }
}
