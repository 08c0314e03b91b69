using MeToo.Tests.Harness;

namespace MeToo.Tests.Infrastructure;

public sealed class SecurityHeaderTests(AppFixture app) : IClassFixture<AppFixture>
{
    public static TheoryData<string> Urls => new()
    {
        "/",
        "/stories",
        "/stories?setting=online",
        "/share",
        "/stories/zzzzzzzzzzzzzzzz",
        "/no-such-page",
        "/healthz",
        "/error/500",
        "/css/site.css",
        "/js/site.js",
        "/favicon.svg",
        "/robots.txt",
        "/feed.atom",
        "/account/login",
        "/moderation",
    };

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task EveryResponse_CarriesTheStrictContentSecurityPolicy(string url)
    {
        var client = app.CreateClient();

        var response = await client.GetAsync(url);

        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Contains("base-uri 'none'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe", csp);
        Assert.Equal("same-origin", string.Join(' ', response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("nosniff", string.Join(' ', response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", string.Join(' ', response.Headers.GetValues("Cross-Origin-Opener-Policy")));
        Assert.Equal("same-origin", string.Join(' ', response.Headers.GetValues("Cross-Origin-Resource-Policy")));
        Assert.Contains("camera=()", string.Join(' ', response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
    }

    /// <summary>HSTS outside Development, over HTTPS (the header library leaves it out for localhost only).</summary>
    [Theory]
    [MemberData(nameof(Urls))]
    public async Task EveryResponse_OverHttps_AsksForHttpsFromNowOn(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Host = "metoo.example";

        var response = await app.CreateClient().SendAsync(request);

        Assert.Contains("max-age=31536000", string.Join(' ', response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostThatFails_CarriesTheHeadersToo()
    {
        var response = await app.CreateClient().PostAsync("/share?handler=Submit", new FormUrlEncodedContent([new("Draft.Body", "x")]));

        Assert.True((int)response.StatusCode >= 400);
        Assert.Contains("default-src 'self'", string.Join(' ', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/stories")]
    [InlineData("/share")]
    [InlineData("/my-story")]
    [InlineData("/no-such-page")]
    public async Task Pages_NeedNoInlineScriptOrStyle(string url)
    {
        var client = app.CreateClient();

        var page = await Html.GetAsync(client, url);

        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        var handlers = page.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).Select(a => a.Name);
        Assert.Empty(handlers);
        Assert.NotEmpty(page.QuerySelectorAll("link[rel=stylesheet][href]"));
        Assert.All(page.QuerySelectorAll("script[src], link[href]"), e =>
            Assert.StartsWith("/", e.GetAttribute("src") ?? e.GetAttribute("href")));
        Assert.Empty(page.QuerySelectorAll("a[href^='javascript:']"));
    }

    [Fact]
    public async Task AuthorPages_PreviewErrorsReceiptAndStatus_NeedNoInlineScriptOrStyleEither()
    {
        var client = app.CreateClient();

        var preview = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", "John Harrington at a@b.org " + Journeys.SampleBody)));
        var errors = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", "x")));
        var receiptPage = await Journeys.ShareAsync(client, Html.Values(("Draft.Body", Journeys.SampleBody)));
        var status = await MyStoryJourney.OpenAsync(client, receiptPage.QuerySelector("#receipt-code")!.TextContent.Trim());

        foreach (var page in new[] { preview, errors, receiptPage, status })
        {
            Assert.Empty(page.QuerySelectorAll("script:not([src]), style, [style]"));
        }
    }

    [Fact]
    public async Task Html_IsRevalidated_AndFingerprintedStaticFilesLiveLong()
    {
        var client = app.CreateClient();

        var home = await client.GetAsync("/");
        var page = await Html.ParseAsync(home);
        var css = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        var cssResponse = await client.GetAsync(css);

        Assert.Equal("no-cache", home.Headers.CacheControl?.ToString());
        Assert.Contains("?v=", css);
        Assert.Contains("immutable", cssResponse.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task PublicPages_SetNoCookie()
    {
        var client = app.CreateClient();

        foreach (var url in new[] { "/", "/stories", "/no-such-page" })
        {
            var response = await client.GetAsync(url);
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{url} set a cookie");
        }
    }

    [Fact]
    public async Task TheShareForm_SetsOnlyAHostPrefixedStrictAntiforgeryCookie()
    {
        var client = app.CreateClient();

        var response = await client.GetAsync("/share");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("__Host-metoo-af=", cookie);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task HealthCheck_ReportsTheDatabase()
    {
        var client = app.CreateClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
