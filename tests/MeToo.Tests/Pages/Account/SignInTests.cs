using System.Net;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeToo.Tests.Pages.Account;

public sealed class SignInTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory().With("RateLimits:SignInsPerAddress", "1000");

    public void Dispose() => _app.Dispose();

    private static string Name() => "mod-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task ACreatedModerator_SignsInThroughTheRealForm_AndItIsAudited()
    {
        var name = Name();
        await StaffJourney.CreateAsync(_app, name);
        var client = _app.CreateClient();

        var response = await StaffJourney.SignInAsync(client, name);
        var home = await Html.GetAsync(client, "/account");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account", response.Headers.Location!.OriginalString);
        Assert.Contains($"Signed in as {name}, moderator", home.Body!.TextContent);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.Contains("metoo-staff", StringComparison.Ordinal));
        Assert.StartsWith("__Host-metoo-staff=", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.SignInSucceeded && e.ActorRole == StaffRoles.Moderator)));
    }

    [Fact]
    public async Task AWrongPassword_OrAnUnknownName_GetsTheSameMessage_AndIsAudited()
    {
        var name = Name();
        await StaffJourney.CreateAsync(_app, name);
        var client = _app.CreateClient();

        var wrong = await Html.ParseAsync(await StaffJourney.SignInAsync(client, name, "not the password at all"));
        var unknown = await Html.ParseAsync(await StaffJourney.SignInAsync(client, "nobody-" + name, "whatever it is here"));

        Assert.Equal(wrong.QuerySelector("#login-error")!.TextContent, unknown.QuerySelector("#login-error")!.TextContent);
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.SignInFailed)));
        Assert.False(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor.Contains("nobody-"))));
        Assert.False(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor.Contains("whatever"))));
    }

    [Fact]
    public async Task FiveFailures_LockTheAccountBriefly_ThenItOpensAgain_AndTheNextLockoutIsLonger()
    {
        var name = Name();
        await StaffJourney.CreateAsync(_app, name);
        var client = _app.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            await StaffJourney.SignInAsync(client, name, "wrong password " + i);
        }

        var whileLocked = await StaffJourney.SignInAsync(client, name);
        Assert.Equal(HttpStatusCode.OK, whileLocked.StatusCode);
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.LockedOut)));

        _app.Time.Advance(TimeSpan.FromSeconds(61));
        var afterFirst = await StaffJourney.SignInAsync(_app.CreateClient(), name);
        Assert.Equal(HttpStatusCode.Redirect, afterFirst.StatusCode);

        // A success resets the escalation; lock twice in a row without success to see it grow.
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                await StaffJourney.SignInAsync(client, name, "wrong again " + i);
            }

            _app.Time.Advance(TimeSpan.FromSeconds(61));
        }

        var stillLocked = await StaffJourney.SignInAsync(_app.CreateClient(), name);
        Assert.Equal(HttpStatusCode.OK, stillLocked.StatusCode);
        _app.Time.Advance(TimeSpan.FromSeconds(61));
        var opened = await StaffJourney.SignInAsync(_app.CreateClient(), name);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
    }

    [Fact]
    public async Task AOneTimePassword_MustBeChangedAtFirstSignIn()
    {
        var name = Name();
        var (exit, output, _) = await StaffJourney.RunAdminAsync(_app, ["create", "--email", $"{name}@example.org", "--role", StaffRoles.Moderator, "--username", name]);
        Assert.Equal(0, exit);
        var oneTime = output.Split("One-time password (must be changed at first sign-in): ")[1].Trim();
        var client = _app.CreateClient();

        var signIn = await StaffJourney.SignInAsync(client, name, oneTime);
        var elsewhere = await client.GetAsync("/account");
        var form = Html.Form(await Html.GetAsync(client, "/account/changepassword"), "form#change-password-form");
        var changed = await Html.SubmitAsync(client, form, Html.Values(("CurrentPassword", oneTime), ("NewPassword", "a long new passphrase of mine"), ("ConfirmPassword", "a long new passphrase of mine")));
        var home = await client.GetAsync("/account");

        Assert.Equal("/account/changepassword", signIn.Headers.Location!.OriginalString);
        Assert.Equal("/account/changepassword", elsewhere.Headers.Location!.OriginalString);
        Assert.Equal("/account", changed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await StaffJourney.SignInAsync(_app.CreateClient(), name, "a long new passphrase of mine")).StatusCode);
    }

    [Fact]
    public async Task ADisabledModerator_LosesTheirSessionWithinAMinute_AndCannotSignInAgain()
    {
        var name = Name();
        await StaffJourney.CreateAsync(_app, name);
        var client = _app.CreateClient();
        await StaffJourney.SignInAsync(client, name);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);

        var (exit, _, _) = await StaffJourney.RunAdminAsync(_app, ["disable", "--username", name]);
        _app.Time.Advance(TimeSpan.FromSeconds(61));
        var after = await client.GetAsync("/account");

        Assert.Equal(0, exit);
        Assert.True(StaffJourney.WentToLogin(after), $"still signed in: {after.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, (await StaffJourney.SignInAsync(_app.CreateClient(), name)).StatusCode);
    }

    [Fact]
    public async Task SigningOut_EndsTheSession()
    {
        var name = Name();
        await StaffJourney.CreateAsync(_app, name);
        var client = _app.CreateClient();
        await StaffJourney.SignInAsync(client, name);

        var page = await Html.GetAsync(client, "/account");
        await Html.SubmitAsync(client, Html.Form(page, "form#logout-form"));

        Assert.True(StaffJourney.WentToLogin(await client.GetAsync("/account")));
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.SignedOut)));
    }

    [Theory]
    [InlineData("https://evil.example/account", "/account")]
    [InlineData("//evil.example", "/account")]
    [InlineData("/\\evil.example", "/account")]
    [InlineData("javascript:alert(1)", "/account")]
    [InlineData("/moderation/reports", "/moderation/reports")]
    public async Task AfterSigningIn_OnlyAPageOfThisSite_IsWhereTheStaffMemberGoes(string returnUrl, string expected)
    {
        var name = Name();
        await StaffJourney.CreateAsync(_app, name);
        var client = _app.CreateClient();
        var form = Html.Form(await Html.GetAsync(client, "/account/login?returnUrl=" + Uri.EscapeDataString(returnUrl)), "form#login-form");

        var response = await Html.SubmitAsync(client, form, Html.Values(("Username", name), ("Password", StaffJourney.Password)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }
}

public sealed class SignInLimitTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory().With("RateLimits:SignInsPerAddress", "3");

    public void Dispose() => _app.Dispose();

    /// <summary>The audit found the code step without any limit: it shares the sign-in budget.</summary>
    [Fact]
    public async Task TheCodeStep_IsLimitedToo()
    {
        var attacker = _app.CreateClientFrom("203.0.113.92");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, "/account/loginwithcode") { Content = new FormUrlEncodedContent([new("Code", "123456")]) };
            statuses.Add((await attacker.SendAsync(post)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task SignInAttempts_AreLimitedPerAddress_WhateverTheAccount()
    {
        var attacker = _app.CreateClientFrom("203.0.113.90");
        var colleague = _app.CreateClientFrom("203.0.113.91");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await StaffJourney.SignInAsync(attacker, $"guess-{i}", "some password here")).StatusCode);
        }

        var limited = await StaffJourney.SignInAsync(attacker, "guess-x", "some password here");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 429 says when to try again");
        Assert.Contains("Please wait a little", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await StaffJourney.SignInAsync(colleague, "someone", "some password here")).StatusCode);
    }
}

/// <summary>
/// Staff user names cannot be listed by timing: every sign-in attempt — an unknown name, a wrong or
/// right password, a disabled or a locked-out account — runs the password hasher exactly once.
/// Tested by structure (the hasher counts its own runs), not by a stopwatch on a shared machine.
/// </summary>
public sealed class SignInCostTests : IDisposable
{
    private readonly CountingApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task EveryAttempt_RunsThePasswordHasherExactlyOnce_WhateverTheNameAndAccount()
    {
        var name = "mod-" + Guid.NewGuid().ToString("N")[..8];
        var disabled = "mod-" + Guid.NewGuid().ToString("N")[..8];
        await StaffJourney.CreateAsync(_app, name);
        await StaffJourney.CreateAsync(_app, disabled);
        await StaffJourney.RunAdminAsync(_app, ["disable", "--username", disabled]);
        var client = _app.CreateClient();

        var attempts = new List<(string What, Func<Task<HttpResponseMessage>> Attempt)>
        {
            ("an unknown name", () => StaffJourney.SignInAsync(client, "nobody-" + Guid.NewGuid().ToString("N")[..8], "some wrong password")),
            ("a wrong password", () => StaffJourney.SignInAsync(client, name, "some wrong password")),
            ("a disabled account", () => StaffJourney.SignInAsync(client, disabled)),
            ("the right password", () => StaffJourney.SignInAsync(_app.CreateClient(), name)),
        };
        for (var i = 0; i < 5; i++)
        {
            attempts.Add(($"wrong password {i} towards the lockout", () => StaffJourney.SignInAsync(client, name, "wrong towards lockout")));
        }

        attempts.Add(("a locked-out account, right password", () => StaffJourney.SignInAsync(_app.CreateClient(), name)));
        attempts.Add(("a locked-out account, wrong password", () => StaffJourney.SignInAsync(client, name, "still wrong")));

        foreach (var (what, attempt) in attempts)
        {
            var before = _app.Hasher.Verifications;
            await attempt();
            Assert.True(_app.Hasher.Verifications - before == 1, $"{what}: the hasher ran {_app.Hasher.Verifications - before} times");
        }

        Assert.Equal(HttpStatusCode.OK, (await StaffJourney.SignInAsync(_app.CreateClient(), name)).StatusCode); // it was locked out indeed
    }

    private sealed class CountingApp : MeTooFactory
    {
        public CountingHasher Hasher { get; } = new();

        public CountingApp() => With("RateLimits:SignInsPerAddress", "1000");

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services =>
                services.AddScoped<Microsoft.AspNetCore.Identity.IPasswordHasher<StaffUser>>(provider =>
                {
                    Hasher.Inner = new Microsoft.AspNetCore.Identity.PasswordHasher<StaffUser>(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.PasswordHasherOptions>>());
                    return Hasher;
                }));
        }
    }

    private sealed class CountingHasher : Microsoft.AspNetCore.Identity.IPasswordHasher<StaffUser>
    {
        private int _verifications;

        public Microsoft.AspNetCore.Identity.PasswordHasher<StaffUser> Inner { get; set; } = null!;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(StaffUser user, string password) => Inner.HashPassword(user, password);

        public Microsoft.AspNetCore.Identity.PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return Inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
