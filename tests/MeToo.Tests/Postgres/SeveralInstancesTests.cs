using System.Net;
using MeToo.Tests.Harness;
using Microsoft.EntityFrameworkCore;

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
}
