using Microsoft.AspNetCore.Identity;

namespace MeToo.Web.Domain;

/// <summary>
/// A moderator or admin. Signs in with a user name that is not their public email; there is no
/// public sign-up: accounts come from an admin or the command line.
/// </summary>
public sealed class StaffUser : IdentityUser
{
    /// <summary>Set for accounts created with a one-time password: the first sign-in must change it.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>A disabled account cannot sign in, and its sessions end within a minute.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Lockouts in a row: each one lasts longer (see <see cref="StaffRoles"/>).</summary>
    public int ConsecutiveLockouts { get; set; }

    /// <summary>
    /// The last authenticator time step accepted: a code is good once (Identity's own provider
    /// accepts the same code again for as long as it is valid).
    /// </summary>
    public long? LastTotpTimeStep { get; set; }

    /// <summary>
    /// The languages this moderator reads (codes of <see cref="StoryLanguages"/>, space-separated),
    /// as they stated them on their account page; empty until they do. The queue can show only
    /// stories written in them.
    /// </summary>
    public string Languages { get; set; } = string.Empty;

    /// <summary>The longest <see cref="Languages"/> may be.</summary>
    public const int LanguagesMaxLength = 100;

    public IReadOnlyList<string> LanguagesRead() => Languages.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>States the languages read, keeping only known ones, in the list's order.</summary>
    public void ReadsLanguages(IEnumerable<string> codes, StoryLanguages known)
    {
        ArgumentNullException.ThrowIfNull(codes);
        ArgumentNullException.ThrowIfNull(known);
        var chosen = codes.Select(c => c.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        Languages = string.Join(' ', known.Codes.Where(chosen.Contains));
    }
}
