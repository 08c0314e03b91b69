using MeToo.Tests.Harness;
using MeToo.Web.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TestStories = MeToo.Tests.Harness.Stories;

namespace MeToo.Tests.Pages.Stories;

public sealed class MostSupportedTests : IDisposable
{
    private readonly MeTooFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task RecomputeAsync()
    {
        using var scope = _app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SupportRankJob>().RecomputeAsync();
        await scope.ServiceProvider.GetRequiredService<MeToo.Web.Infrastructure.StoryPageEviction>().EvictAsync();
    }

    private static List<string> Links(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("a.story-link").Select(a => a.GetAttribute("href")!.Replace("/stories/", string.Empty, StringComparison.Ordinal))];

    [Fact]
    public async Task MostSupported_PagesByTheRankSnapshot_SoPagesStayStableWhileCountsMove()
    {
        var stories = await _app.WithDbAsync(db => TestStories.AddAsync(db, 25, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        await _app.WithDbAsync(async db =>
        {
            for (var i = 0; i < stories.Count; i++)
            {
                var id = stories[i].Id;
                await db.Stories.Where(s => s.Id == id).ExecuteUpdateAsync(set => set.SetProperty(s => s.SupportCount, 100 + i));
            }
        });
        await RecomputeAsync();

        var first = await Html.GetAsync(_app.CreateClient(), "/stories?sort=supported");
        var firstIds = Links(first);

        // The least supported story on page one now overtakes everyone; page two is still page two.
        var last = firstIds[^1];
        await _app.WithDbAsync(db => db.Stories.Where(s => s.PublicId == last).ExecuteUpdateAsync(set => set.SetProperty(s => s.SupportCount, 10_000)));
        var second = await Html.GetAsync(_app.CreateClient(), first.QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        var secondIds = Links(second);

        var expected = stories.OrderByDescending(s => stories.IndexOf(s)).Select(s => s.PublicId).ToList();
        Assert.Equal(expected.Take(20), firstIds);
        Assert.Equal(expected.Skip(20), secondIds);
        Assert.Empty(firstIds.Intersect(secondIds));

        await RecomputeAsync();
        Assert.Equal(last, Links(await Html.GetAsync(_app.CreateClient(), "/stories?sort=supported"))[0]);
    }

    [Fact]
    public async Task TheRankingService_RecomputesOnTheInjectedClock()
    {
        _ = _app.CreateClient();
        int Ranked() => _app.WithDbAsync(db => db.SupportRanks.CountAsync(r => r.Generation == db.SupportRankSnapshots.Select(g => g.Generation).FirstOrDefault())).GetAwaiter().GetResult();
        await _app.WithDbAsync(db => TestStories.AddAsync(db, 3, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        var first = await Eventually.AdvanceUntilAsync(_app.Time, new SupportRankingOptions().Interval, Ranked, n => n == 3);

        await _app.WithDbAsync(db => TestStories.AddAsync(db, 2, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        var before = Ranked();
        var second = await Eventually.AdvanceUntilAsync(_app.Time, new SupportRankingOptions().Interval, Ranked, n => n == 5);

        Assert.Equal((3, 3, 5), (first, before, second));
    }

    /// <summary>
    /// The snapshot is taken beside the one readers use and in small writes: between two of them
    /// the database's one writer is free (a support tap and a withdrawal go through at once, where
    /// the old single transaction held every writer for seconds at a million stories), readers
    /// still page the whole previous snapshot, and a story withdrawn meanwhile is simply left out.
    /// </summary>
    [Fact]
    public async Task ANewSnapshot_IsWrittenInSmallWrites_BesideTheOneReadersUse()
    {
        using var app = new MeTooFactory().With("SupportRanking:RanksPerWrite", "1");
        _ = app.CreateClient();
        await Eventually.WaitForAsync(() => app.WithDbAsync(db => db.SupportRankSnapshots.AnyAsync()), done => done, TimeSpan.FromSeconds(10));
        var stories = await app.WithDbAsync(db => TestStories.AddAsync(db, 3, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < stories.Count; i++)
            {
                var id = stories[i].Id;
                await db.Stories.Where(s => s.Id == id).ExecuteUpdateAsync(set => set.SetProperty(s => s.SupportCount, 10 * (i + 1)));
            }
        });
        Task<List<long>> RanksOf(int generation) =>
            app.WithDbAsync(db => db.SupportRanks.Where(r => r.Generation == generation).OrderBy(r => r.Rank).Select(r => r.StoryId).ToListAsync());
        Task<int> Current() => app.WithDbAsync(db => db.SupportRankSnapshots.Select(g => g.Generation).SingleAsync());
        var first = await Current();
        using (var scope = app.Services.CreateScope())
        {
            // A first full snapshot of the three stories, advancing the clock through its pauses.
            var job = scope.ServiceProvider.GetRequiredService<SupportRankJob>().RecomputeAsync();
            while (!job.IsCompleted)
            {
                app.Time.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(20);
            }

            await job;
        }

        var readers = await Current();
        Assert.Equal(first + 1, readers);
        Assert.Equal([stories[2].Id, stories[1].Id, stories[0].Id], await RanksOf(readers));

        using var second = app.Services.CreateScope();
        var taking = second.ServiceProvider.GetRequiredService<SupportRankJob>().RecomputeAsync();
        var written = await Eventually.WaitForAsync(() => RanksOf(readers + 1), r => r.Count == 1, TimeSpan.FromSeconds(5));

        // Paused between two writes: nothing holds the writer, readers see the previous snapshot whole.
        Assert.False(taking.IsCompleted);
        Assert.Equal([stories[2].Id], written);
        var tap = await app.CreateClientFrom("198.51.100.41").PostAsync($"/stories/{stories[0].PublicId}/support", new FormUrlEncodedContent([]));
        Assert.True(tap.IsSuccessStatusCode || (int)tap.StatusCode is >= 300 and < 400, $"a support tap during the snapshot answered {(int)tap.StatusCode}");
        using (var withdrawal = app.Services.CreateScope())
        {
            var db = withdrawal.ServiceProvider.GetRequiredService<MeToo.Web.Data.AppDbContext>();
            await withdrawal.ServiceProvider.GetRequiredService<MeToo.Web.Infrastructure.StoryErasure>().EraseAsync(await db.Stories.SingleAsync(s => s.Id == stories[1].Id));
        }

        Assert.Equal(readers, await Current());
        Assert.Equal([stories[2].Id, stories[0].Id], await RanksOf(readers));

        while (!taking.IsCompleted)
        {
            app.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        await taking;
        Assert.Equal(readers + 1, await Current());
        Assert.Equal([stories[2].Id, stories[0].Id], await RanksOf(readers + 1));
        Assert.Empty(await RanksOf(readers));
        Assert.Equal(11, await app.WithDbAsync(db => db.Stories.Where(s => s.Id == stories[0].Id).Select(s => s.SupportCount).SingleAsync()));
    }
}
