using FluentValidation;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Staff;

/// <summary>
/// Creating and looking after staff accounts, shared by <c>/admin/moderators</c> and the command
/// line; every change goes to the audit log under the acting admin's name (or the command line's).
/// </summary>
public sealed class StaffAdministration(UserManager<StaffUser> users, StaffAuditLog audit, IValidator<NewStaffAccount> validator, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The outcome of a change: an error for the person (in their language), or the account's name.</summary>
    public sealed record Outcome(bool Succeeded, string? Error = null, string? OneTimePassword = null, string? Username = null, bool InvalidInput = false);

    /// <summary>
    /// Creates an account. Without a password a one-time one is made, to be changed at first
    /// sign-in; it is returned once and never stored in clear.
    /// </summary>
    public async Task<Outcome> CreateAsync(Actor actor, NewStaffAccount account, string? password = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(account);
        var validation = await validator.ValidateAsync(account);
        if (!validation.IsValid)
        {
            return new Outcome(false, string.Join(" ", validation.Errors.Select(e => e.ErrorMessage)), InvalidInput: true);
        }

        var email = account.Email!.Trim();
        var username = string.IsNullOrWhiteSpace(account.Username) ? "staff-" + CrockfordBase32.Random(6).ToLowerInvariant() : account.Username.Trim();
        var oneTime = password is null;
        password ??= OneTimePassword();
        var user = new StaffUser { UserName = username, Email = email, MustChangePassword = oneTime };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new Outcome(false, string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, account.Role!);
        await audit.RecordAsync(actor, StaffActions.AccountCreated, username);
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
        await audit.RecordAsync(actor, StaffActions.AccountUnlocked, user.UserName);
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
        await audit.RecordAsync(actor, StaffActions.TwoFactorReset, user.UserName);
        return new Outcome(true);
    }

    /// <summary>A disabled account cannot sign in; the new security stamp ends its sessions within a minute.</summary>
    public async Task<Outcome> DisableAsync(Actor actor, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(user);
        if (string.Equals(actor.Name, user.UserName, StringComparison.Ordinal))
        {
            return new Outcome(false, localizer["You cannot disable your own account here: ask another admin, or use the command line."]);
        }

        user.IsDisabled = true;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(actor, StaffActions.AccountDisabled, user.UserName);
        return new Outcome(true);
    }

    public async Task<Outcome> EnableAsync(Actor actor, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(user);
        user.IsDisabled = false;
        await users.UpdateAsync(user);
        await audit.RecordAsync(actor, StaffActions.AccountEnabled, user.UserName);
        return new Outcome(true);
    }

    /// <summary>Five groups of five Crockford symbols: 125 bits, easy to read out and type.</summary>
    public static string OneTimePassword() =>
        string.Join('-', Enumerable.Range(0, 5).Select(_ => CrockfordBase32.Random(5)));
}
