using System.Net;
using MeToo.Tests.Harness;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Tests.Infrastructure;

/// <summary>
/// What a newcomer gets from `dotnet run`: Development over plain http://localhost, with demo data.
/// (Regression: the share form once failed there because its cookie demanded HTTPS.)
/// </summary>
public sealed class DevelopmentTests : IDisposable
{
    private readonly DevelopmentFactory _app = new();

    public void Dispose() => _app.Dispose();

    private sealed class DevelopmentFactory : MeTooFactory
    {
        public DevelopmentFactory() => ClientOptions.BaseAddress = new Uri("http://localhost");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
        }
    }

    [Fact]
    public async Task OverPlainHttp_TheDemoDataIsThere_AndAStoryCanBeShared()
    {
        var client = _app.CreateClient();

        var home = await Html.GetAsync(client, "/");
        var share = await client.GetAsync("/share");
        var receipt = await Journeys.ShareAndGetReceiptAsync(client, "Shared on a developer's machine over plain http, as a first check.");

        Assert.Equal("200", home.QuerySelector(".published-count")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, share.StatusCode);
        Assert.False(string.IsNullOrEmpty(receipt));
        Assert.Equal(221, await _app.WithDbAsync(db => db.Stories.CountAsync()));
    }

    [Fact]
    public async Task OverPlainHttp_DemoStaffExist_AndAModeratorCanSignIn()
    {
        await StaffJourney.CreateAsync(_app, "local-moderator");
        var client = _app.CreateClient();

        var response = await StaffJourney.SignInAsync(client, "local-moderator");

        Assert.True(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "demo-admin")));
        Assert.True(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "demo-moderator")));
        Assert.Equal("/account", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);
    }
}

/// <summary>Behind a proxy that does not forward the scheme, pages still work and nothing answers 500.</summary>
public sealed class PlainHttpTests : IDisposable
{
    private readonly MeTooFactory _app = new();

    public PlainHttpTests() => _app.ClientOptions.BaseAddress = new Uri("http://localhost");

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheShareForm_RendersOverPlainHttp_AndAPostIsNeverA500()
    {
        var client = _app.CreateClient();

        var form = await client.GetAsync("/share");
        var preview = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", Journeys.SampleBody)));

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, (HttpStatusCode)preview.StatusCode);
    }
}
