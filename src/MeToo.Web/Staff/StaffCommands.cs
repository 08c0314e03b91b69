using MeToo.Web.Infrastructure;
using MeToo.Web.Privacy;
using Microsoft.AspNetCore.Identity;

namespace MeToo.Web.Staff;

/// <summary>
/// Staff accounts from the command line, against the same database the app uses — including for
/// the day the last admin is locked out:
/// <code>
/// admin create --email E --role Admin|Moderator [--username U] [--password-stdin]
/// admin unlock --username U
/// admin reset-2fa --username U
/// admin disable --username U
/// </code>
/// </summary>
public sealed class StaffCommands(UserManager<StaffUser> users, StaffAudit audit)
{
    public const string Usage = """
        usage:
          admin create --email E --role Admin|Moderator [--username U] [--password-stdin]
          admin unlock --username U
          admin reset-2fa --username U
          admin disable --username U
        """;

    public async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var verb = args.Length > 0 ? args[0].ToLowerInvariant() : string.Empty;
        if (verb == "create")
        {
            return await CreateAsync(args, input, output, error);
        }

        var username = CommandLine.ValueOf(args, "--username");
        if (verb is not ("unlock" or "reset-2fa" or "disable") || string.IsNullOrWhiteSpace(username))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        var user = await users.FindByNameAsync(username);
        if (user is null)
        {
            await error.WriteLineAsync($"No staff account is named {username}.");
            return 1;
        }

        switch (verb)
        {
            case "unlock":
                user.ConsecutiveLockouts = 0;
                user.LockoutEnd = null;
                user.AccessFailedCount = 0;
                await users.UpdateAsync(user);
                await audit.RecordAsync("cli", null, StaffActions.AccountUnlocked, user.UserName);
                await output.WriteLineAsync($"{user.UserName} is unlocked.");
                break;
            case "reset-2fa":
                await users.SetTwoFactorEnabledAsync(user, false);
                await users.ResetAuthenticatorKeyAsync(user);
                await audit.RecordAsync("cli", null, StaffActions.TwoFactorReset, user.UserName);
                await output.WriteLineAsync($"Two-factor sign-in for {user.UserName} is reset; they set it up again at their next sign-in.");
                break;
            case "disable":
                user.IsDisabled = true;
                await users.UpdateAsync(user);
                await users.UpdateSecurityStampAsync(user);
                await audit.RecordAsync("cli", null, StaffActions.AccountDisabled, user.UserName);
                await output.WriteLineAsync($"{user.UserName} is disabled; their sessions end within a minute.");
                break;
        }

        return 0;
    }

    private async Task<int> CreateAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var email = CommandLine.ValueOf(args, "--email");
        var role = CommandLine.ValueOf(args, "--role");
        var username = CommandLine.ValueOf(args, "--username") ?? "staff-" + CrockfordBase32.Random(6).ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(email) || !StaffRoles.IsKnown(role))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        if (string.Equals(username, email, StringComparison.OrdinalIgnoreCase))
        {
            await error.WriteLineAsync("The user name must not be the email address: staff sign in with a name that is not public.");
            return 2;
        }

        var fromStdin = args.Contains("--password-stdin", StringComparer.OrdinalIgnoreCase);
        var password = fromStdin ? (await input.ReadLineAsync())?.Trim() : OneTimePassword();
        if (string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync("No password on standard input.");
            return 2;
        }

        var user = new StaffUser { UserName = username, Email = email, MustChangePassword = !fromStdin };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await error.WriteLineAsync("Could not create the account: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            return 1;
        }

        await users.AddToRoleAsync(user, role!);
        await audit.RecordAsync("cli", null, StaffActions.AccountCreated, username);
        await output.WriteLineAsync($"Created {role} {username} <{email}>.");
        if (!fromStdin)
        {
            await output.WriteLineAsync($"One-time password (must be changed at first sign-in): {password}");
        }

        return 0;
    }

    /// <summary>Five groups of five Crockford symbols: 125 bits, easy to read out and type.</summary>
    public static string OneTimePassword() =>
        string.Join('-', Enumerable.Range(0, 5).Select(_ => CrockfordBase32.Random(5)));
}
