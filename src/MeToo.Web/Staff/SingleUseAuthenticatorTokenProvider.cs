using MeToo.Web.Domain;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace MeToo.Web.Staff;

/// <summary>
/// Authenticator-app codes (RFC 6238: 30-second steps, six digits, one step of drift either way),
/// judged on the injected clock, each accepted once: the matched time step is stored on the user
/// and a code from that step or an earlier one is refused. Two requests racing with the same code
/// meet Identity's concurrency stamp, so only one is saved.
/// </summary>
public sealed class SingleUseAuthenticatorTokenProvider(TimeProvider time) : IUserTwoFactorTokenProvider<StaffUser>
{
    public const string Name = "MeTooAuthenticator";

    private static readonly VerificationWindow Drift = new(previous: 1, future: 1);

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffUser> manager, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));
    }

    /// <summary>Codes come from the app on the phone, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<StaffUser> manager, StaffUser user) =>
        Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = Normalize(token);
        if (string.IsNullOrEmpty(key) || code.Length != 6)
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, Drift))
        {
            return false;
        }

        if (user.LastTotpTimeStep is { } last && step <= last)
        {
            return false;
        }

        user.LastTotpTimeStep = step;
        var saved = await manager.UpdateAsync(user);
        return saved.Succeeded;
    }

    /// <summary>People type codes with spaces or dashes, as their app shows them.</summary>
    public static string Normalize(string? token) =>
        new((token ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
}
