using MeToo.Tests.Harness;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Tests.Infrastructure;

/// <summary>Forwarded headers are believed from configured proxies only (loopback by default).</summary>
public sealed class ProxyTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory()
        .With("RateLimits:TapsPerAddressPerDay", "1")
        .With("ForwardedHeaders:KnownProxies:0", "10.1.2.3");

    public void Dispose() => _app.Dispose();

    private async Task<string> PublishedStoryAsync()
    {
        var stories = await _app.WithDbAsync(db => Stories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        return stories[0].PublicId;
    }

    private async Task SupportAsync(string publicId, string from, string forwardedFor, string agent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/stories/{publicId}/support") { Content = new FormUrlEncodedContent([]) };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        await _app.CreateClientFrom(from, agent).SendAsync(request);
    }

    private Task<int> CountAsync(string publicId) =>
        _app.WithDbAsync(db => db.Stories.Where(s => s.PublicId == publicId).Select(s => s.SupportCount).SingleAsync());

    [Fact]
    public async Task AClientCannotChooseItsOwnAddress_AndTheAppWarnsOnce_WithoutTheAddress()
    {
        var publicId = await PublishedStoryAsync();

        await SupportAsync(publicId, "203.0.113.5", "198.51.100.1", "A");
        await SupportAsync(publicId, "203.0.113.5", "198.51.100.2", "B");
        await SupportAsync(publicId, "203.0.113.5", "198.51.100.3", "C");

        Assert.Equal(1, await CountAsync(publicId)); // one address, whatever it claims
        var warnings = _app.Logs.RenderedEvents().Where(e => e.Contains("not configured", StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.DoesNotContain("203.0.113.5", warnings[0], StringComparison.Ordinal);
        Assert.DoesNotContain("198.51.100", warnings[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    public async Task AKnownProxy_IsBelieved(string proxy)
    {
        var publicId = await PublishedStoryAsync();

        await SupportAsync(publicId, proxy, "198.51.100.11", "A");
        await SupportAsync(publicId, proxy, "198.51.100.12", "A");

        Assert.Equal(2, await CountAsync(publicId)); // two readers behind the proxy
        Assert.DoesNotContain(_app.Logs.RenderedEvents(), e => e.Contains("not configured", StringComparison.Ordinal));
    }
}
