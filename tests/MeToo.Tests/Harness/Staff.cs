using System.Net;
using MeToo.Web.Domain;
using MeToo.Web.Staff;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace MeToo.Tests.Harness;

/// <summary>Creates staff accounts with the real command and signs them in through the real form.</summary>
public static class StaffJourney
{
    public const string Password = "correct horse battery staple";

    public static async Task<(int Exit, string Output, string Error)> RunAdminAsync(MeTooFactory app, string[] args, string input = "")
    {
        ArgumentNullException.ThrowIfNull(app);
        using var scope = app.Services.CreateScope();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await scope.ServiceProvider.GetRequiredService<StaffCommands>().RunAsync(args, new StringReader(input), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    public static async Task CreateAsync(MeTooFactory app, string username, string role = StaffRoles.Moderator)
    {
        var (exit, _, error) = await RunAdminAsync(app, ["create", "--email", $"{username}@example.org", "--role", role, "--username", username, "--password-stdin"], Password);
        Assert.True(exit == 0, error);
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string username, string password = Password)
    {
        var form = Html.Form(await Html.GetAsync(client, "/account/login"), "form#login-form");
        return await Html.SubmitAsync(client, form, Html.Values(("Username", username), ("Password", password)));
    }

    public static bool WentToLogin(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.OrdinalIgnoreCase);

    /// <summary>The code an authenticator app would show now (the fake clock) for <paramref name="key"/>.</summary>
    public static string CodeFor(MeTooFactory app, string key, int stepsFromNow = 0)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(app.Time.GetUtcNow().UtcDateTime.AddSeconds(30 * stepsFromNow));
    }

    /// <summary>
    /// Sets up the authenticator through the real page, reading the key a person would type by hand,
    /// and returns it with the recovery codes shown once.
    /// </summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> SetUpTwoFactorAsync(MeTooFactory app, HttpClient client)
    {
        var page = await Html.GetAsync(client, "/account/twofactor");
        var key = page.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var done = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(page, "form#authenticator-form"), Html.Values(("Code", CodeFor(app, key)))));
        var codes = done.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.True(codes.Count > 0, done.Body!.TextContent);

        // The set-up code's time step is spent: move on so the next sign-in has a fresh code.
        app.Time.Advance(TimeSpan.FromSeconds(30));
        return (key, codes);
    }

    /// <summary>Password, then the code page's real form; returns the code step's response.</summary>
    public static async Task<HttpResponseMessage> SignInWithCodeAsync(HttpClient client, string username, string code, string password = Password)
    {
        var first = await SignInAsync(client, username, password);
        Assert.Equal("/account/loginwithcode", first.Headers.Location?.OriginalString);
        var form = Html.Form(await Html.GetAsync(client, "/account/loginwithcode"), "form#two-factor-form");
        return await Html.SubmitAsync(client, form, Html.Values(("Code", code)));
    }
}
