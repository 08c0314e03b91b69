using System.Security.Cryptography;
using MeToo.Web.Domain;
using Microsoft.AspNetCore.Identity;

namespace MeToo.Web.Staff;

/// <summary>
/// A password hash that belongs to no one, made once with the app's own hasher and settings. A
/// sign-in for a name that does not exist, or for an account that is disabled or locked out, checks
/// the typed password against it, so that every attempt pays the hasher's cost exactly once: a
/// wrong password for a real name is otherwise hundreds of milliseconds slower than an unknown
/// name, and the difference lists the staff's user names to anyone with a stopwatch.
/// </summary>
public sealed class DecoyPassword
{
    private readonly Lazy<string> _hash;

    public DecoyPassword(IServiceProvider services) =>
        _hash = new Lazy<string>(() =>
        {
            using var scope = services.CreateScope();
            var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<StaffUser>>();
            return hasher.HashPassword(new StaffUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        });

    /// <summary>Spends what checking a real password spends; the answer is always "wrong".</summary>
    public void Check(IPasswordHasher<StaffUser> hasher, string? password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        hasher.VerifyHashedPassword(new StaffUser(), _hash.Value, password ?? string.Empty);
    }
}
