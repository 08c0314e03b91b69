using System.Net;
using AngleSharp.Html.Dom;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeToo.Tests.Pages.Admin;

/// <summary>An admin looks after staff accounts through <c>/admin/moderators</c>.</summary>
public sealed class ModeratorsPageTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory().With("RateLimits:SignInsPerAddress", "1000");

    public void Dispose() => _app.Dispose();

    private static string Name(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task<(HttpClient Client, string Name)> AdminAsync()
    {
        var name = Name("admin");
        await StaffJourney.CreateAsync(_app, name, StaffRoles.Admin);
        var client = _app.CreateClient();
        await StaffJourney.SignInAsync(client, name);
        return (client, name);
    }

    private static IHtmlFormElement RowForm(IHtmlDocument page, string username, string formClass) =>
        page.QuerySelector($"tr.staff-account[data-username='{username}'] form.{formClass}") as IHtmlFormElement
        ?? throw new InvalidOperationException($"No {formClass} for {username}:\n{page.Body!.TextContent}");

    [Fact]
    public async Task AnAdmin_CreatesAModerator_WhoSignsInWithTheOneTimePassword_AndMustChangeIt()
    {
        var (admin, adminName) = await AdminAsync();
        var name = Name("mod");
        var page = await Html.GetAsync(admin, "/admin/moderators");

        var created = await Html.ParseAsync(await Html.SubmitAsync(admin, Html.Form(page, "form#create-staff-form"),
            Html.Values(("NewAccount.Email", $"{name}@example.org"), ("NewAccount.Username", name), ("NewAccount.Role", StaffRoles.Moderator))));
        var oneTime = created.QuerySelector("#one-time-password")!.TextContent;
        var moderator = _app.CreateClient();
        var signIn = await StaffJourney.SignInAsync(moderator, name, oneTime);
        var listed = await Html.GetAsync(admin, "/admin/moderators");

        Assert.Equal(name, created.QuerySelector("#created-username")!.TextContent);
        Assert.Equal("/account/changepassword", signIn.Headers.Location?.OriginalString);
        Assert.NotNull(listed.QuerySelector($"tr.staff-account[data-username='{name}']"));
        Assert.Null(listed.QuerySelector("#one-time-password"));
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == adminName && e.ActorRole == StaffRoles.Admin && e.Action == StaffActions.AccountCreated && e.Target == name)));
        Assert.False(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor.Contains(oneTime) || (e.Target != null && e.Target.Contains(oneTime)))));
    }

    [Theory]
    [InlineData("", "", "Enter their email address")]
    [InlineData("not an email", "", "Enter an email address like")]
    [InlineData("same@example.org", "same@example.org", "letters, digits")]
    [InlineData("x@example.org", "a b", "letters, digits")]
    public async Task BadInput_GetsAClearMessage_AndCreatesNothing(string email, string username, string message)
    {
        var (admin, _) = await AdminAsync();
        var before = await _app.WithDbAsync(db => db.Users.CountAsync());
        var page = await Html.GetAsync(admin, "/admin/moderators");

        var response = await Html.SubmitAsync(admin, Html.Form(page, "form#create-staff-form"),
            Html.Values(("NewAccount.Email", email), ("NewAccount.Username", username), ("NewAccount.Role", StaffRoles.Moderator)));
        var result = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, result.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await _app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task ATakenUserName_IsRefusedWithAMessage()
    {
        var (admin, adminName) = await AdminAsync();
        var page = await Html.GetAsync(admin, "/admin/moderators");

        var result = await Html.ParseAsync(await Html.SubmitAsync(admin, Html.Form(page, "form#create-staff-form"),
            Html.Values(("NewAccount.Email", "someone-else@example.org"), ("NewAccount.Username", adminName), ("NewAccount.Role", StaffRoles.Moderator))));

        Assert.Contains("is already taken", result.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.False(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == "someone-else@example.org")));
    }

    [Fact]
    public async Task DisablingAModerator_EndsTheirSessionWithinAMinute_AndEnablingLetsThemBack()
    {
        var (admin, adminName) = await AdminAsync();
        var name = Name("mod");
        await StaffJourney.CreateAsync(_app, name);
        var moderator = _app.CreateClient();
        await StaffJourney.SignInAsync(moderator, name);

        var page = await Html.GetAsync(admin, "/admin/moderators");
        var disabled = await Html.ParseAsync(await Html.SubmitAsync(admin, RowForm(page, name, "disable-form")));
        _app.Time.Advance(TimeSpan.FromSeconds(61));
        var after = await moderator.GetAsync("/account");
        var refused = await StaffJourney.SignInAsync(_app.CreateClient(), name);
        await Html.SubmitAsync(admin, RowForm(disabled, name, "enable-form"));
        var back = await StaffJourney.SignInAsync(_app.CreateClient(), name);

        Assert.Contains("disabled", disabled.QuerySelector("#staff-confirmation")!.TextContent, StringComparison.Ordinal);
        Assert.True(StaffJourney.WentToLogin(after));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == adminName && e.Action == StaffActions.AccountDisabled && e.Target == name)));
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == adminName && e.Action == StaffActions.AccountEnabled && e.Target == name)));
    }

    [Fact]
    public async Task AnAdmin_UnlocksALockedModerator()
    {
        var (admin, _) = await AdminAsync();
        var name = Name("mod");
        await StaffJourney.CreateAsync(_app, name);
        for (var i = 0; i < 5; i++)
        {
            await StaffJourney.SignInAsync(_app.CreateClient(), name, "wrong password " + i);
        }

        var page = await Html.GetAsync(admin, "/admin/moderators");
        Assert.Contains("locked until", page.QuerySelector($"tr.staff-account[data-username='{name}']")!.TextContent, StringComparison.Ordinal);
        await Html.SubmitAsync(admin, RowForm(page, name, "unlock-form"));

        Assert.Equal(HttpStatusCode.Redirect, (await StaffJourney.SignInAsync(_app.CreateClient(), name)).StatusCode);
    }

    [Fact]
    public async Task ResettingTwoFactor_TurnsItOff_AndTheModeratorSetsItUpAgain()
    {
        var (admin, adminName) = await AdminAsync();
        var name = Name("mod");
        await StaffJourney.CreateAsync(_app, name);
        var moderator = _app.CreateClient();
        await StaffJourney.SignInAsync(moderator, name);
        var (key, _) = await StaffJourney.SetUpTwoFactorAsync(_app, moderator);

        var page = await Html.GetAsync(admin, "/admin/moderators");
        await Html.SubmitAsync(admin, RowForm(page, name, "reset-two-factor-form"));
        var password = await StaffJourney.SignInAsync(_app.CreateClient(), name);
        var user = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == name));
        using var scope = _app.Services.CreateScope();
        var newKey = await scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>().GetAuthenticatorKeyAsync(user);

        Assert.Equal("/account", password.Headers.Location?.OriginalString); // no code asked
        Assert.False(user.TwoFactorEnabled);
        Assert.NotEqual(key, newKey);
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == adminName && e.Action == StaffActions.TwoFactorReset && e.Target == name)));
    }

    [Fact]
    public async Task AnAdmin_CannotDisableThemselves()
    {
        var (admin, adminName) = await AdminAsync();
        var page = await Html.GetAsync(admin, "/admin/moderators");

        Assert.Null(page.QuerySelector($"tr.staff-account[data-username='{adminName}'] form"));

        // A hand-made post to the disable handler, with a valid anti-forgery token, is refused too.
        var token = page.QuerySelector("form#create-staff-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await admin.PostAsync("/admin/moderators?handler=Disable", new FormUrlEncodedContent([new("Username", adminName), new("__RequestVerificationToken", token)]));
        var result = await Html.ParseAsync(post);

        Assert.Contains("cannot disable your own account", result.QuerySelector("#staff-error")!.TextContent, StringComparison.Ordinal);
        Assert.False(await _app.WithDbAsync(db => db.Users.Where(u => u.UserName == adminName).Select(u => u.IsDisabled).SingleAsync()));
    }
}
