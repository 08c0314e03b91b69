using System.Net;
using MeToo.Tests.Harness;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Tests.Infrastructure;

/// <summary>The share limits: per client, and a global ceiling; a story over a limit is held back with every word kept.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory()
        .With("RateLimits:SharePerClient", "2")
        .With("RateLimits:ShareGlobal", "3");

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AStoryOverTheLimit_IsHeldBackInThePreview_WithEveryFieldAsTyped_AndSaysWhenToTryAgain()
    {
        var client = _app.CreateClientFrom("203.0.113.1");
        await Journeys.ShareAndGetReceiptAsync(client, Journeys.SampleBody + " one");
        await Journeys.ShareAndGetReceiptAsync(client, Journeys.SampleBody + " two");
        var body = Journeys.SampleBody + " three, the one a shelter's shared address would lose.";

        var heldBack = await Journeys.ShareAsync(client, Html.Values(
            ("Draft.Body", body), ("Draft.Title", "Third"), ("Draft.Anonymous", "false"), ("Draft.DisplayName", "River"),
            ("Draft.Settings", "workplace"), ("Draft.Year", "2019"), ("Draft.Country", "GB")));

        Assert.Equal(HttpStatusCode.OK, (HttpStatusCode)heldBack.StatusCode);
        var message = heldBack.QuerySelector("#share-held-back")!.TextContent;
        Assert.Contains("not sent yet", message, StringComparison.Ordinal);
        Assert.Matches(@"in about \d+ minutes", message);
        var form = heldBack.QuerySelector("form#share-form")!;
        Assert.Equal(body, form.QuerySelector("input[name='Draft.Body']")!.GetAttribute("value"));
        Assert.Equal("Third", form.QuerySelector("input[name='Draft.Title']")!.GetAttribute("value"));
        Assert.Equal("River", form.QuerySelector("input[name='Draft.DisplayName']")!.GetAttribute("value"));
        Assert.Equal("workplace", form.QuerySelector("input[name='Draft.Settings']")!.GetAttribute("value"));
        Assert.Equal("2019", form.QuerySelector("input[name='Draft.Year']")!.GetAttribute("value"));
        Assert.Equal("GB", form.QuerySelector("input[name='Draft.Country']")!.GetAttribute("value"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Stories.CountAsync(s => s.Body == body)));
    }

    [Fact]
    public async Task TheGlobalCeiling_HoldsBackEveryone_OnceReached()
    {
        await Journeys.ShareAndGetReceiptAsync(_app.CreateClientFrom("203.0.113.2"), Journeys.SampleBody + " a");
        await Journeys.ShareAndGetReceiptAsync(_app.CreateClientFrom("203.0.113.3"), Journeys.SampleBody + " b");
        await Journeys.ShareAndGetReceiptAsync(_app.CreateClientFrom("203.0.113.4"), Journeys.SampleBody + " c");

        var overCeiling = await Journeys.ShareAsync(_app.CreateClientFrom("203.0.113.5"), Html.Values(("Draft.Body", Journeys.SampleBody + " d")));

        Assert.NotNull(overCeiling.QuerySelector("#share-held-back"));
        Assert.Equal(3, await _app.WithDbAsync(db => db.Stories.CountAsync()));
    }

    /// <summary>The audit's bypass: a second handler value in the query string skipped the limit matched by hand.</summary>
    [Fact]
    public async Task ARepeatedHandlerParameter_DoesNotEscapeTheLimit()
    {
        var client = _app.CreateClientFrom("203.0.113.6");
        for (var i = 0; i < 4; i++)
        {
            var preview = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", $"{Journeys.SampleBody} bypass {i}")));
            var form = Html.Form(preview, "form#share-form");
            form.SetAttribute("action", "/share?handler=Submit&handler=x");
            await Html.SubmitAsync(client, form);
        }

        Assert.Equal(2, await _app.WithDbAsync(db => db.Stories.CountAsync(s => s.Body.Contains(" bypass "))));
    }

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::ffff")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2:1:2:3:4")]
    public async Task AnIPv6Client_IsOneClientAcrossItsSlash64(string first, string second)
    {
        await Journeys.ShareAndGetReceiptAsync(_app.CreateClientFrom(first), Journeys.SampleBody + " v6 one");
        await Journeys.ShareAndGetReceiptAsync(_app.CreateClientFrom(second), Journeys.SampleBody + " v6 two");

        var third = await Journeys.ShareAsync(_app.CreateClientFrom(first.Replace("::1", "::2", StringComparison.Ordinal)), Html.Values(("Draft.Body", Journeys.SampleBody + " v6 three")));

        Assert.NotNull(third.QuerySelector("#share-held-back"));
    }

    [Fact]
    public async Task Previewing_IsNotLimited()
    {
        var client = _app.CreateClientFrom("203.0.113.9");

        for (var i = 0; i < 6; i++)
        {
            var page = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", Journeys.SampleBody)));
            Assert.Equal(HttpStatusCode.OK, (HttpStatusCode)page.StatusCode);
            Assert.Null(page.QuerySelector("#share-held-back"));
        }
    }
}
