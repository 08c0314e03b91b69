using System.Net;
using MeToo.Web.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace MeToo.Tests.Infrastructure;

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
}
