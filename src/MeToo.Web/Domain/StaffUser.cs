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
}
