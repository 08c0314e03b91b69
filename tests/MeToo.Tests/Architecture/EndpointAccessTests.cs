using System.Net;
using System.Text.RegularExpressions;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MeToo.Tests.Architecture;

/// <summary>
/// Every endpoint the app has, GET and POST, against the short list of routes anonymous visitors
/// may reach. A page added later without protection fails here.
/// </summary>
public sealed class EndpointAccessTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly HashSet<string> AnonymousRoutes = new(StringComparer.OrdinalIgnoreCase)
    {
        "/", "/index",
        "/stories", "/stories/index", "/stories/{publicId}",
        "/share", "/share/index",
        "/my-story",
        "/error/{code:int?}",
        "/healthz",
        "/account/login", "/account/loginwithcode", "/account/denied",
        "/stories/{publicId}/report", "/stories/{publicId}/support", "/metoo",
        "/feed.atom", "/help", "/safety", "/safety/forget", "/guidelines", "/privacy", "/about", "/stats", "/translation",
    };

    private IReadOnlyList<(string Route, string Url, string[] Methods)> Endpoints()
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        return [.. source.Endpoints.OfType<RouteEndpoint>()
            .Select(e => (
                Route: "/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'),
                Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET", "POST"]))
            .Select(e => (e.Route, Url: Regex.Replace(e.Route, @"\{([^}:?]+)[^}]*\}", m => m.Groups[1].Value == "publicId" ? "zzzzzzzzzzzzzzzz" : m.Groups[1].Value == "code" ? "404" : "x"), e.Methods))
            .DistinctBy(e => e.Route)];
    }

    [Fact]
    public async Task AnonymousVisitors_ReachOnlyTheAllowListedRoutes_AndAreSentToSignInEverywhereElse()
    {
        var client = app.CreateClient();
        var endpoints = Endpoints();
        Assert.Contains(endpoints, e => e.Route.Equals("/account", StringComparison.OrdinalIgnoreCase) || e.Route.Equals("/account/index", StringComparison.OrdinalIgnoreCase));

        foreach (var (route, url, methods) in endpoints)
        {
            foreach (var method in methods.Where(m => m is "GET" or "POST"))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method == "POST")
                {
                    request.Content = new FormUrlEncodedContent([]);
                }

                var response = await client.SendAsync(request);
                if (AnonymousRoutes.Contains(route))
                {
                    Assert.False(StaffJourney.WentToLogin(response), $"{method} {route} is public but asked for sign-in");
                    Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
                }
                else
                {
                    Assert.True(StaffJourney.WentToLogin(response), $"{method} {route} answered {(int)response.StatusCode} to an anonymous visitor");
                }
            }
        }
    }

    [Fact]
    public async Task AdminPages_RefuseModerators()
    {
        var name = "mod-" + Guid.NewGuid().ToString("N")[..8];
        await StaffJourney.CreateAsync(app, name, StaffRoles.Moderator);
        var client = app.CreateClient();
        await StaffJourney.SignInAsync(client, name);

        var adminRoutes = Endpoints().Where(e => e.Route.StartsWith("/admin", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Contains(adminRoutes, e => e.Route.Equals("/admin/moderators", StringComparison.OrdinalIgnoreCase));
        foreach (var (route, url, _) in adminRoutes)
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                using var request = new HttpRequestMessage(method, url) { Content = method == HttpMethod.Post ? new FormUrlEncodedContent([]) : null };
                var response = await client.SendAsync(request);
                // A page without a handler for the method refuses it before anything else (405).
                var refused = response.StatusCode == HttpStatusCode.MethodNotAllowed
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/denied", StringComparison.OrdinalIgnoreCase));
                Assert.True(refused, $"{method} {route} let a moderator in: {response.StatusCode}");
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);
    }

    [Theory]
    [InlineData("/account/register")]
    [InlineData("/identity/account/register")]
    [InlineData("/identity/account/login")]
    [InlineData("/identity/account/manage")]
    [InlineData("/register")]
    [InlineData("/signup")]
    public async Task ThereIsNoSignUpOrIdentityDefaultPage(string url)
    {
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await client.PostAsync(url, new FormUrlEncodedContent([]))).StatusCode);
    }
}
