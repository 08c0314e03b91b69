using System.Text.RegularExpressions;
using MeToo.Tests.Harness;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeToo.Tests.Data;

/// <summary>The load-test data: realistic enough to measure search with, and never mixed into a real site.</summary>
public sealed partial class SeedTests : IDisposable
{
    private readonly MeTooFactory _app = new();

    public void Dispose() => _app.Dispose();

    private Task<int> SeedAsync(int stories)
    {
        _ = _app.Services;
        return CommandLine.RunAsync(["seed", "--stories", stories.ToString(System.Globalization.CultureInfo.InvariantCulture)], _app.Services);
    }

    [Fact]
    public async Task Seed_LoadsPublishedSyntheticStories_WithTagsSearchableAndInThePublicOrder()
    {
        var exit = await SeedAsync(3000);

        Assert.Equal(0, exit);
        var stories = await _app.WithDbAsync(db => db.Stories.AsNoTracking().Include(s => s.Tags).ToListAsync());
        Assert.Equal(3000, stories.Count);
        Assert.All(stories, s =>
        {
            Assert.Equal(StoryStatus.Published, s.Status);
            Assert.True(s.Synthetic);
            Assert.Equal(PublicOrder.Of(s.PublishedOn!.Value, s.PublicId), s.PublicOrder);
            Assert.EndsWith(SyntheticText.DemoNotice, s.Body, StringComparison.Ordinal);
            Assert.InRange(s.Body.Length, 150, 3000); // whole sentences up to a length drawn between 300 and 3,000
            Assert.Contains(s.Tags, t => t.Kind == TaxonomyKind.Setting);
            Assert.Contains(s.Tags, t => t.Kind == TaxonomyKind.Experience);
        });
        var indexed = await _app.WithDbAsync(db => _app.Engine == DatabaseEngine.Postgres
            ? db.Database.SqlQuery<int>($"SELECT COUNT(*)::int AS \"Value\" FROM \"Stories\" WHERE \"Status\" = 'Published' AND \"SearchVector\" IS NOT NULL").SingleAsync()
            : db.Database.SqlQuery<int>($"SELECT COUNT(*) AS Value FROM StoriesFts").SingleAsync());
        Assert.Equal(3000, indexed);
    }

    [Fact]
    public async Task SeededBodies_HaveWordsInNearlyEveryStory_CommonWords_AndRareOnes()
    {
        await SeedAsync(3000);
        var bodies = await _app.WithDbAsync(db => db.Stories.Select(s => s.Body).ToListAsync());

        var storiesPerWord = bodies
            .SelectMany(b => Words().Matches(b.ToLowerInvariant()).Select(m => m.Value).Distinct())
            .GroupBy(w => w)
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.True(storiesPerWord["the"] > 0.97 * bodies.Count, "a word in nearly every story");
        Assert.Contains(storiesPerWord, kv => kv.Value > 0.05 * bodies.Count && kv.Value < 0.3 * bodies.Count); // common
        Assert.True(storiesPerWord.Count(kv => kv.Value <= 3) > 1000, "many rare words");
        var lengths = bodies.Select(b => b.Length).Order().ToList();
        Assert.True(lengths[lengths.Count / 2] is > 700 and < 1500, "lengths spread between 300 and 3,000, most short");
    }

    /// <summary>The issue's finding: seed would add fake stories to any database, a real site's included.</summary>
    [Fact]
    public async Task Seed_RefusesADatabaseHoldingStoriesPeopleShared_AndAddsNothing()
    {
        var client = _app.CreateClient();
        await Journeys.ShareAndGetReceiptAsync(client, Journeys.SampleBody);
        var before = await _app.WithDbAsync(db => db.Stories.CountAsync());

        var exit = await SeedAsync(100);

        Assert.Equal(1, exit);
        Assert.Equal(before, await _app.WithDbAsync(db => db.Stories.CountAsync()));
    }

    [Fact]
    public async Task Seed_AddsToADatabaseItMadeItself()
    {
        await SeedAsync(200);

        Assert.Equal(0, await SeedAsync(300));
        Assert.Equal(500, await _app.WithDbAsync(db => db.Stories.CountAsync()));
    }

    [Fact]
    public async Task SeededStories_NeverReachTheOpenDataExport_ThoughSomeAreMarkedOpen()
    {
        await SeedAsync(500);
        using var scope = _app.Services.CreateScope();

        var rows = await scope.ServiceProvider.GetRequiredService<MeToo.Web.Moderation.OpenDataExport>().RowsAsync();

        Assert.True(await _app.WithDbAsync(db => db.Stories.CountAsync(s => s.OpenData)) > 50);
        Assert.Empty(rows);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("seed --stories")]
    [InlineData("seed --stories -5")]
    [InlineData("seed --stories many")]
    public async Task Seed_WithBadArguments_ExplainsUsage(string command)
    {
        _ = _app.Services;
        var exit = await CommandLine.RunAsync(command.Split(' '), _app.Services);

        Assert.Equal(2, exit);
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Words();
}
