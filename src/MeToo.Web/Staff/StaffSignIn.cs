using System.Security.Claims;
using System.Security.Cryptography;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Staff;

/// <summary>
/// The two steps of staff sign-in and their safety rules: one answer for every failure, short
/// escalating lockouts judged on the injected clock (wrong authenticator codes count like wrong
/// passwords), and a fresh session with its own id once both steps pass.
/// </summary>
public sealed class StaffSignIn(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    StaffAuditLog audit,
    TimeProvider time,
    IOptions<StaffOptions> options,
    IPasswordHasher<StaffUser> hasher,
    DecoyPassword decoy)
{
    /// <summary>
    /// Checks a user name and password; null for every kind of failure. Every attempt runs the
    /// password hasher exactly once — an unknown, disabled or locked-out name against a decoy hash —
    /// so the time an answer takes does not tell which names exist (<see cref="DecoyPassword"/>).
    /// </summary>
    public async Task<StaffUser?> CheckPasswordAsync(string? username, string? password)
    {
        var user = string.IsNullOrWhiteSpace(username) ? null : await users.FindByNameAsync(username.Trim());
        if (user is null || user.IsDisabled || string.IsNullOrEmpty(password))
        {
            decoy.Check(hasher, password);
            // The typed name is not recorded: people type passwords into the wrong field.
            await audit.RecordAsync(user is null ? Actor.UnknownAccount : Actor.Staff(user.UserName!, await RoleOfAsync(user)), StaffActions.SignInFailed);
            return null;
        }

        var role = await RoleOfAsync(user);
        if (IsLockedOut(user))
        {
            decoy.Check(hasher, password);
            await audit.RecordAsync(Actor.Staff(user.UserName!, role), StaffActions.SignInFailed);
            return null;
        }

        // For an account with two-factor on, Identity keeps the failure count until the code passes.
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            await EscalateLockoutAsync(user, role);
            return null;
        }

        if (!result.Succeeded)
        {
            await audit.RecordAsync(Actor.Staff(user.UserName!, role), StaffActions.SignInFailed);
            return null;
        }

        return user;
    }

    /// <summary>
    /// Checks the second step: a six-digit authenticator code (once only) or one of the recovery
    /// codes (each works once). Wrong codes count towards the lockout.
    /// </summary>
    public async Task<bool> CheckSecondFactorAsync(StaffUser user, string? code, string failureAction = StaffActions.SignInFailed)
    {
        ArgumentNullException.ThrowIfNull(user);
        var role = await RoleOfAsync(user);
        if (user.IsDisabled || IsLockedOut(user) || string.IsNullOrWhiteSpace(code))
        {
            await audit.RecordAsync(Actor.Staff(user.UserName!, role), failureAction);
            return false;
        }

        var trimmed = code.Trim();
        var digits = SingleUseAuthenticatorTokenProvider.Normalize(trimmed);
        var looksLikeAuthenticatorCode = digits.Length == 6 && trimmed.Length <= 9;
        if (looksLikeAuthenticatorCode
            ? await users.VerifyTwoFactorTokenAsync(user, SingleUseAuthenticatorTokenProvider.Name, digits)
            : (await users.RedeemTwoFactorRecoveryCodeAsync(user, trimmed.ToUpperInvariant())).Succeeded)
        {
            if (!looksLikeAuthenticatorCode)
            {
                await audit.RecordAsync(Actor.Staff(user.UserName!, role), StaffActions.RecoveryCodeUsed);
            }

            return true;
        }

        await users.AccessFailedAsync(user);
        if (await users.IsLockedOutAsync(user))
        {
            await EscalateLockoutAsync(user, role);
        }
        else
        {
            await audit.RecordAsync(Actor.Staff(user.UserName!, role), failureAction);
        }

        return false;
    }

    /// <summary>Both steps passed (or the only one, where two-factor is not set up): a new session.</summary>
    public async Task CompleteAsync(StaffUser user, bool usedSecondFactor)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.ConsecutiveLockouts = 0;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        await users.UpdateAsync(user);
        if (usedSecondFactor)
        {
            await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        }

        await SignInAsync(user, usedSecondFactor);
        await audit.RecordAsync(await ActorAsync(user), StaffActions.SignInSucceeded);
    }

    /// <summary>
    /// Issues a fresh sign-in ticket: a new random session id, when the session began (for the
    /// absolute lifetime), whether a second factor was used, and the one-time-password mark.
    /// </summary>
    public Task SignInAsync(StaffUser user, bool usedSecondFactor)
    {
        ArgumentNullException.ThrowIfNull(user);
        var properties = new AuthenticationProperties { IsPersistent = false };
        properties.Items[StaffAccounts.SignedInAtItem] = time.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var claims = new List<Claim> { new(StaffAccounts.SessionIdClaim, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))) };
        if (usedSecondFactor)
        {
            claims.Add(new Claim(StaffAccounts.AuthenticationMethodClaim, StaffAccounts.MultiFactor));
        }

        if (user.MustChangePassword)
        {
            claims.Add(new Claim(StaffAccounts.MustChangePasswordClaim, "true"));
        }

        return signIn.SignInWithClaimsAsync(user, properties, claims);
    }

    /// <summary>Remembers, for five minutes, who passed the password step and still owes a code.</summary>
    public Task BeginSecondStepAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Id));
        return signIn.Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>The user who passed the password step in this browser, if any.</summary>
    public Task<StaffUser?> SecondStepUserAsync() => signIn.GetTwoFactorAuthenticationUserAsync();

    public async Task<string?> RoleOfAsync(StaffUser user)
    {
        var roles = await users.GetRolesAsync(user);
        return roles.Contains(StaffRoles.Admin) ? StaffRoles.Admin : roles.FirstOrDefault();
    }

    /// <summary>The account as the audit log names it: its user name, in its highest role.</summary>
    public async Task<Actor> ActorAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Actor.Staff(user.UserName!, await RoleOfAsync(user));
    }

    private bool IsLockedOut(StaffUser user) => user.LockoutEnd is { } until && until > time.GetUtcNow();

    /// <summary>Identity has just locked the account: make each lockout in a row last longer.</summary>
    private async Task EscalateLockoutAsync(StaffUser user, string? role)
    {
        var duration = options.Value.LockoutFor(user.ConsecutiveLockouts);
        user.ConsecutiveLockouts++;
        user.LockoutEnd = time.GetUtcNow().Add(duration);
        await users.UpdateAsync(user);
        await audit.RecordAsync(Actor.Staff(user.UserName!, role), StaffActions.LockedOut);
    }
}
