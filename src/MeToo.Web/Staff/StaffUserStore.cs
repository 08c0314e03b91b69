using MeToo.Web.Data;
using MeToo.Web.Domain;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Staff;

/// <summary>
/// Identity's store with every account token — the authenticator key and the recovery codes —
/// encrypted with Data Protection before it is written (privacy rule 13). The key ring is encrypted
/// with the certificate from configuration, so a copy of the database or a backup alone does not
/// carry what passes two-factor. Each value is bound to its account and token name: a value copied
/// onto another account does not open.
/// </summary>
public sealed class StaffUserStore(AppDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<StaffUser, IdentityRole, AppDbContext>(context, describer)
{
    /// <summary>Marks a protected value; anything else was written before tokens were encrypted.</summary>
    public const string ProtectedPrefix = "dp1:";

    private const string Purpose = "MeToo.Staff.Tokens.v1";

    public override Task SetTokenAsync(StaffUser user, string loginProvider, string name, string? value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return base.SetTokenAsync(user, loginProvider, name, value is null ? null : Protect(protection, user.Id, loginProvider, name, value), cancellationToken);
    }

    public override async Task<string?> GetTokenAsync(StaffUser user, string loginProvider, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var stored = await base.GetTokenAsync(user, loginProvider, name, cancellationToken);
        return stored is not null && stored.StartsWith(ProtectedPrefix, StringComparison.Ordinal)
            ? For(protection, user.Id, loginProvider, name).Unprotect(stored[ProtectedPrefix.Length..])
            : stored; // written before encryption; ProtectStoredTokensAsync encrypts it at the next start
    }

    /// <summary>
    /// Encrypts tokens written in plain text by earlier versions (once, at start-up). Returns how many.
    /// </summary>
    public static async Task<int> ProtectStoredTokensAsync(AppDbContext db, IDataProtectionProvider protection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var plain = await db.UserTokens.Where(t => t.Value != null && !t.Value.StartsWith(ProtectedPrefix)).ToListAsync(cancellationToken);
        foreach (var token in plain)
        {
            token.Value = Protect(protection, token.UserId, token.LoginProvider, token.Name, token.Value!);
        }

        await db.SaveChangesAsync(cancellationToken);
        return plain.Count;
    }

    private static string Protect(IDataProtectionProvider protection, string userId, string loginProvider, string name, string value) =>
        ProtectedPrefix + For(protection, userId, loginProvider, name).Protect(value);

    private static IDataProtector For(IDataProtectionProvider protection, string userId, string loginProvider, string name) =>
        protection.CreateProtector(Purpose, loginProvider, name, userId);
}
