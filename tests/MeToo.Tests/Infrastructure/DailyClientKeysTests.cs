using MeToo.Tests.Harness;
using MeToo.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeToo.Tests.Infrastructure;

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
