using MeToo.Tests.Harness;
using MeToo.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeToo.Tests.Infrastructure;

/// <summary>
/// The once-a-day keys, on each store: one process's memory (SQLite, one machine) and the tables
/// every instance shares on PostgreSQL.
/// </summary>
public sealed class DailyClientKeysTests
{
    public static TheoryData<DatabaseEngine> Engines => [DatabaseEngine.Sqlite, DatabaseEngine.Postgres];

    private static DefaultHttpContext Client(string address, string agent = "Reader/1.0")
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);
        context.Request.Headers.UserAgent = agent;
        return context;
    }

    private static DailyClientKeys Keys(MeTooFactory app) => app.Services.GetRequiredService<DailyClientKeys>();

    /// <summary>The audit grew the store without bound by rotating the user agent.</summary>
    [Theory]
    [MemberData(nameof(Engines))]
    public async Task TheStoreIsBounded_AndSaysSoWhenFull(DatabaseEngine engine)
    {
        using var app = new MeTooFactory(engine).With("ClientKeys:MaxKeysPerDay", "3");
        var keys = Keys(app);

        var results = new List<KeyResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await keys.RecordAsync("support", "story-a", Client("203.0.113.9", $"Agent/{i}")));
        }

        Assert.Equal([KeyResult.First, KeyResult.First, KeyResult.First, KeyResult.Full, KeyResult.Full], results);
        Assert.Equal(KeyResult.Again, await keys.RecordAsync("support", "story-a", Client("203.0.113.9", "Agent/0")));
        await keys.ForgetAsync("story-a");
        Assert.Equal(0, await keys.CountForAsync("story-a"));
        Assert.Equal(KeyResult.First, await keys.RecordAsync("support", "story-b", Client("203.0.113.9")));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task ByNetwork_ANetworkIsOneClient_WhateverItsUserAgent_AnIPv6ClientItsSlash48_AndAnIPv4OneItsSlash24(DatabaseEngine engine)
    {
        using var app = new MeTooFactory(engine);
        var keys = Keys(app);

        var first = await keys.RecordAsync("report-network", "s", Client("2001:db8:5:6::1", "A"), byNetwork: true);
        var rotated = await keys.RecordAsync("report-network", "s", Client("2001:db8:5:6::99", "B"), byNetwork: true);
        var otherSlash56 = await keys.RecordAsync("report-network", "s", Client("2001:db8:5:7700::1", "A"), byNetwork: true);
        var otherSlash48 = await keys.RecordAsync("report-network", "s", Client("2001:db8:6::1", "A"), byNetwork: true);
        var v4 = await keys.RecordAsync("report-network", "s", Client("203.0.113.1", "A"), byNetwork: true);
        var v4SameSlash24 = await keys.RecordAsync("report-network", "s", Client("203.0.113.200", "C"), byNetwork: true);

        Assert.Equal((KeyResult.First, KeyResult.Again, KeyResult.Again, KeyResult.First), (first, rotated, otherSlash56, otherSlash48));
        Assert.Equal((KeyResult.First, KeyResult.Again), (v4, v4SameSlash24));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task TheSameClient_CountsOncePerDay_AndSaltsAndKeysAreGoneAfter48Hours(DatabaseEngine engine)
    {
        using var app = new MeTooFactory(engine);
        app.Time.SetUtcNow(new DateTimeOffset(2026, 3, 14, 23, 0, 0, TimeSpan.Zero));
        var keys = Keys(app);
        var context = Client("203.0.113.9");

        var first = await keys.TryRecordAsync("support", "story-a", context);
        var again = await keys.TryRecordAsync("support", "story-a", context);
        var otherStory = await keys.TryRecordAsync("support", "story-b", context);
        app.Time.Advance(TimeSpan.FromHours(2));
        var nextDay = await keys.TryRecordAsync("support", "story-a", context);
        await keys.PurgeAsync();
        var afterOneDay = (await keys.DaysAsync()).Count;
        app.Time.Advance(TimeSpan.FromHours(47));
        await keys.PurgeAsync();

        Assert.Equal((true, false, true, true), (first, again, otherStory, nextDay));
        Assert.Equal(2, afterOneDay);
        Assert.DoesNotContain(new DateOnly(2026, 3, 14), await keys.DaysAsync());
        Assert.DoesNotContain(new DateOnly(2026, 3, 15), await keys.DaysAsync());
    }

    [Fact]
    public async Task TheAppsPurgeService_RunsOnTheInjectedClock()
    {
        using var app = new MeTooFactory();
        _ = app.CreateClient();
        var keys = Keys(app);
        await keys.TryRecordAsync("report", "x", Client("203.0.113.1"));

        await Eventually.AdvanceUntilAsync(app.Time, TimeSpan.FromHours(49), () => keys.DaysAsync().GetAwaiter().GetResult().Count, count => count == 0);

        Assert.Empty(await keys.DaysAsync());
    }

    /// <summary>
    /// On PostgreSQL the salt is shared (so is every key), but stored only encrypted: the database alone
    /// cannot recompute the key of a guessed address.
    /// </summary>
    [Fact]
    public async Task OnPostgres_TwoInstances_CountAClientOnce_AndTheSaltIsStoredOnlyEncrypted()
    {
        using var first = new MeTooFactory(DatabaseEngine.Postgres);
        using var second = MeTooFactory.AnotherInstanceOf(first);
        var context = Client("203.0.113.77", "Reader/2.0");

        var onFirst = await Keys(first).RecordAsync("support", "story-x", context);
        var onSecond = await Keys(second).RecordAsync("support", "story-x", context);
        var salt = await Keys(first).RecordAsync("support", "story-y", context);

        Assert.Equal((KeyResult.First, KeyResult.Again), (onFirst, onSecond));
        Assert.Equal(KeyResult.First, salt);
        var sealedSalt = Assert.Single(await first.WithDbAsync(db => db.Database.SqlQueryRaw<byte[]>("SELECT \"Salt\" AS \"Value\" FROM \"ClientKeySalts\"").ToListAsync()));
        Assert.Equal([0x09, 0xF0, 0xC9, 0xF0], sealedSalt[..4]); // a Data Protection payload (its magic header), not 32 raw bytes
        Assert.True(sealedSalt.Length > 32 + 16);
        var stored = await first.DatabaseContentsAsync();
        Assert.DoesNotContain("203.0.113.77", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("Reader/2.0", stored, StringComparison.Ordinal);
    }
}
