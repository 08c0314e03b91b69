using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeToo.Tests.Staff;

/// <summary>The admin command works on the same database the app uses.</summary>
public sealed class StaffCommandTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Create_MakesAnAccountWithTheRole_AndPrintsAOneTimePassword()
    {
        var (exit, output, _) = await StaffJourney.RunAdminAsync(app, ["create", "--email", "lead@example.org", "--role", "Admin", "--username", "lead"]);

        Assert.Equal(0, exit);
        Assert.Matches("One-time password \\(must be changed at first sign-in\\): [0-9A-Z]{5}(-[0-9A-Z]{5}){4}", output);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByNameAsync("lead");
        Assert.NotNull(user);
        Assert.True(user.MustChangePassword);
        Assert.True(await users.IsInRoleAsync(user, StaffRoles.Admin));
        Assert.True(await app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Action == StaffActions.AccountCreated && e.Target == "lead")));
    }

    [Fact]
    public async Task Create_WithoutAUserName_GivesOneThatIsNotTheEmail()
    {
        var (exit, output, _) = await StaffJourney.RunAdminAsync(app, ["create", "--email", "quiet@example.org", "--role", "Moderator"]);

        Assert.Equal(0, exit);
        Assert.Matches("Created Moderator staff-[0-9a-z]{6} <quiet@example.org>", output);
    }

    [Theory]
    [InlineData("create --email x@example.org --role Owner")]
    [InlineData("create --role Admin")]
    [InlineData("create --email same@example.org --role Admin --username same@example.org")]
    [InlineData("unlock")]
    [InlineData("frobnicate --username x")]
    [InlineData("")]
    public async Task BadArguments_ExplainUsage_AndChangeNothing(string args)
    {
        var before = await app.WithDbAsync(db => db.Users.CountAsync());

        var (exit, _, error) = await StaffJourney.RunAdminAsync(app, args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, exit);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.Equal(before, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Unlock_OpensALockedAccount()
    {
        await StaffJourney.CreateAsync(app, "locked-one");
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await StaffJourney.SignInAsync(client, "locked-one", "wrong password " + i);
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, (await StaffJourney.SignInAsync(app.CreateClient(), "locked-one")).StatusCode);

        var (exit, _, _) = await StaffJourney.RunAdminAsync(app, ["unlock", "--username", "locked-one"]);

        Assert.Equal(0, exit);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await StaffJourney.SignInAsync(app.CreateClient(), "locked-one")).StatusCode);
    }

    [Fact]
    public async Task ResetTwoFactor_TurnsItOff_AndAnUnknownNameIsAnError()
    {
        await StaffJourney.CreateAsync(app, "two-factor-one");
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            await users.SetTwoFactorEnabledAsync((await users.FindByNameAsync("two-factor-one"))!, true);
        }

        var (exit, _, _) = await StaffJourney.RunAdminAsync(app, ["reset-2fa", "--username", "two-factor-one"]);
        var (missing, _, _) = await StaffJourney.RunAdminAsync(app, ["reset-2fa", "--username", "nobody-here"]);

        Assert.Equal(0, exit);
        Assert.Equal(1, missing);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "two-factor-one").Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task TheCommandLine_RunsThroughTheSameHostAndDatabase()
    {
        var exit = await MeToo.Web.Infrastructure.CommandLine.RunAsync(["admin", "create", "--email", "host@example.org", "--role", "Moderator", "--username", "via-host"], app.Services);

        Assert.Equal(0, exit);
        Assert.True(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "via-host")));
    }
}
