using MeToo.Web.Privacy;
using Microsoft.AspNetCore.Identity;

namespace MeToo.Web.Staff;

/// <summary>
/// Creating and looking after staff accounts, shared by <c>/admin/moderators</c> and the command
/// line; every change goes to the audit log under the acting admin's name (or "cli").
/// </summary>
public sealed class StaffAdministration(UserManager<StaffUser> users, StaffAudit audit)
{
    public sealed record Actor(string Name, string? Role)
    {
        public static readonly Actor CommandLine = new("cli", null);

        /// <summary>The signed-in staff member, in their highest role, as the audit log names them.</summary>
        public static Actor Of(System.Security.Claims.ClaimsPrincipal user)
        {
            ArgumentNullException.ThrowIfNull(user);
            return new(user.Identity?.Name ?? "unknown", user.IsInRole(StaffRoles.Admin) ? StaffRoles.Admin : StaffRoles.Moderator);
        }
    }

    /// <summary>The outcome of a change: an error for the person, or the account's name.</summary>
    public sealed record Outcome(bool Succeeded, string? Error = null, string? OneTimePassword = null, string? Username = null);

    /// <summary>
    /// Creates an account. Without a password a one-time one is made, to be changed at first
    /// sign-in; it is returned once and never stored in clear.
    /// </summary>
    public async Task<Outcome> CreateAsync(Actor actor, string email, string role, string? username, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        email = email.Trim();
        username = string.IsNullOrWhiteSpace(username) ? "staff-" + CrockfordBase32.Random(6).ToLowerInvariant() : username.Trim();
        if (!StaffRoles.IsKnown(role))
        {
            return new Outcome(false, "Choose a role: Moderator or Admin.");
        }

        if (string.Equals(username, email, StringComparison.OrdinalIgnoreCase))
        {
            return new Outcome(false, "The user name must not be the email address: staff sign in with a name that is not public.");
        }

        var oneTime = password is null;
        password ??= OneTimePassword();
        var user = new StaffUser { UserName = username, Email = email, MustChangePassword = oneTime };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new Outcome(false, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        await audit.RecordAsync(actor.Name, actor.Role, StaffActions.AccountCreated, username);
        return new Outcome(true, OneTimePassword: oneTime ? password : null, Username: username);
    }

    public async Task<Outcome> UnlockAsync(Actor actor, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(user);
        user.ConsecutiveLockouts = 0;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        await users.UpdateAsync(user);
        await audit.RecordAsync(actor.Name, actor.Role, StaffActions.AccountUnlocked, user.UserName);
        return new Outcome(true);
    }

    /// <summary>Turns two-factor off and forgets the authenticator key and recovery codes; sessions end.</summary>
    public async Task<Outcome> ResetTwoFactorAsync(Actor actor, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(user);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0); // forgets the recovery codes
        user.LastTotpTimeStep = null;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(actor.Name, actor.Role, StaffActions.TwoFactorReset, user.UserName);
        return new Outcome(true);
    }

    /// <summary>A disabled account cannot sign in; the new security stamp ends its sessions within a minute.</summary>
    public async Task<Outcome> DisableAsync(Actor actor, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(user);
        if (string.Equals(actor.Name, user.UserName, StringComparison.Ordinal))
        {
            return new Outcome(false, "You cannot disable your own account here: ask another admin, or use the command line.");
        }

        user.IsDisabled = true;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(actor.Name, actor.Role, StaffActions.AccountDisabled, user.UserName);
        return new Outcome(true);
    }

    public async Task<Outcome> EnableAsync(Actor actor, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(user);
        user.IsDisabled = false;
        await users.UpdateAsync(user);
        await audit.RecordAsync(actor.Name, actor.Role, StaffActions.AccountEnabled, user.UserName);
        return new Outcome(true);
    }

    /// <summary>Five groups of five Crockford symbols: 125 bits, easy to read out and type.</summary>
    public static string OneTimePassword() =>
        string.Join('-', Enumerable.Range(0, 5).Select(_ => CrockfordBase32.Random(5)));
}
