using System.Net;
using MeToo.Tests.Harness;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Tests.Infrastructure;

public sealed class RateLimitTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory()
        .With("RateLimits:SharePerClient", "2")
        .With("RateLimits:ShareGlobal", "3");

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Sharing_IsLimitedPerClient_AndByAGlobalCeiling_WithAFriendlyPage()
    {
        var first = _app.CreateClientFrom("203.0.113.1");
        var second = _app.CreateClientFrom("203.0.113.2");

        await Journeys.ShareAndGetReceiptAsync(first, Journeys.SampleBody + " one");
        await Journeys.ShareAndGetReceiptAsync(first, Journeys.SampleBody + " two");
        var third = await Journeys.ShareAsync(first, Html.Values(("Draft.Body", Journeys.SampleBody + " three")));
        await Journeys.ShareAndGetReceiptAsync(second, Journeys.SampleBody + " four");
        var overCeiling = await Journeys.ShareAsync(second, Html.Values(("Draft.Body", Journeys.SampleBody + " five")));

        Assert.Equal(HttpStatusCode.TooManyRequests, (HttpStatusCode)third.StatusCode);
        Assert.Contains("Please wait a little", third.Body!.TextContent);
        Assert.Equal(HttpStatusCode.TooManyRequests, (HttpStatusCode)overCeiling.StatusCode);
        Assert.Equal(3, await _app.WithDbAsync(db => db.Stories.CountAsync()));
    }

    [Fact]
    public async Task Previewing_IsNotLimited()
    {
        var client = _app.CreateClientFrom("203.0.113.9");

        for (var i = 0; i < 6; i++)
        {
            var page = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", Journeys.SampleBody)));
            Assert.Equal(HttpStatusCode.OK, (HttpStatusCode)page.StatusCode);
        }
    }
}
