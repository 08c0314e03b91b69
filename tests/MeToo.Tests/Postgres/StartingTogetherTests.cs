using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Serilog.Events;

namespace MeToo.Tests.Postgres;

/// <summary>
/// A deployment's first start: several instances come up at the same moment on one empty
/// PostgreSQL database. One of them migrates and seeds; the others wait and find it done — none
/// fails on a duplicate role or settings row, and none logs an error for the empty database.
/// </summary>
public sealed class StartingTogetherTests
{
    [Fact]
    public async Task ThreeInstancesStartingAtOnce_OnAnEmptyDatabase_AllStart_AndSeedOnce()
    {
        using var first = new MeTooFactory(DatabaseEngine.Postgres);
        using var second = MeTooFactory.AnotherInstanceOf(first);
        using var third = MeTooFactory.AnotherInstanceOf(first);
        using var go = new ManualResetEventSlim();

        var starting = new[] { first, second, third }.Select(f => Task.Run(() =>
        {
            go.Wait();
            _ = f.Services; // start-up: migrations, taxonomy, settings, roles
        })).ToList();
        go.Set();
        await Task.WhenAll(starting);

        foreach (var instance in new[] { first, second, third })
        {
            using var client = instance.CreateClient();
            Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }

        Assert.Equal(StaffRoles.All.Length, await first.WithDbAsync(db => db.Roles.CountAsync()));
        Assert.Equal(1, await first.WithDbAsync(db => db.SiteSettings.CountAsync()));
        var words = await first.WithDbAsync(db => db.ScreeningWords.Select(w => new { w.List, w.Text }).ToListAsync());
        Assert.Equal(words.Count, words.Distinct().Count());
        Assert.NotEmpty(words);
        var errors = new[] { first, second, third }.SelectMany(f => f.Logs.Events).Where(e => e.Level >= LogEventLevel.Error)
            .Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
