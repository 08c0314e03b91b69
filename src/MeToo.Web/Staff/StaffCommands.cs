using MeToo.Web.Domain;
using MeToo.Web.Infrastructure;
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
public sealed class StaffCommands(UserManager<StaffUser> users, StaffAdministration administration) : IOperatorCommand
{
    public const string Usage = """
        usage:
          admin create --email E --role Admin|Moderator [--username U] [--password-stdin]
          admin unlock --username U
          admin reset-2fa --username U
          admin disable --username U
        """;

    private static readonly Actor Cli = Actor.CommandLine;

    public string Name => "admin";

    public async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var verb = args.Length > 0 ? args[0].ToLowerInvariant() : string.Empty;
        if (verb == "create")
        {
            return await CreateAsync(args, stdin, stdout, stderr);
        }

        var username = CommandLine.ValueOf(args, "--username");
        if (verb is not ("unlock" or "reset-2fa" or "disable") || string.IsNullOrWhiteSpace(username))
        {
            await stderr.WriteLineAsync(Usage);
            return 2;
        }

        var user = await users.FindByNameAsync(username);
        if (user is null)
        {
            await stderr.WriteLineAsync($"No staff account is named {username}.");
            return 1;
        }

        switch (verb)
        {
            case "unlock":
                await administration.UnlockAsync(Cli, user);
                await stdout.WriteLineAsync($"{user.UserName} is unlocked.");
                break;
            case "reset-2fa":
                await administration.ResetTwoFactorAsync(Cli, user);
                await stdout.WriteLineAsync($"Two-factor sign-in for {user.UserName} is reset; they set it up again at their next sign-in.");
                break;
            case "disable":
                await administration.DisableAsync(Cli, user);
                await stdout.WriteLineAsync($"{user.UserName} is disabled; their sessions end within a minute.");
                break;
        }

        return 0;
    }

    private async Task<int> CreateAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var email = CommandLine.ValueOf(args, "--email");
        var role = CommandLine.ValueOf(args, "--role");
        var username = CommandLine.ValueOf(args, "--username");
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(role))
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        string? password = null;
        if (args.Contains("--password-stdin", StringComparer.OrdinalIgnoreCase))
        {
            password = (await input.ReadLineAsync())?.Trim();
            if (string.IsNullOrEmpty(password))
            {
                await error.WriteLineAsync("No password on standard input.");
                return 2;
            }
        }

        var outcome = await administration.CreateAsync(Cli, new NewStaffAccount { Email = email, Role = role, Username = username }, password);
        if (!outcome.Succeeded)
        {
            await error.WriteLineAsync("Could not create the account: " + outcome.Error);
            if (outcome.InvalidInput)
            {
                await error.WriteLineAsync(Usage);
                return 2;
            }

            return 1;
        }

        await output.WriteLineAsync($"Created {role} {outcome.Username} <{email.Trim()}>.");
        if (outcome.OneTimePassword is not null)
        {
            await output.WriteLineAsync($"One-time password (must be changed at first sign-in): {outcome.OneTimePassword}");
        }

        return 0;
    }
}
