using MeToo.Web.Data;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Staff;

/// <summary>
/// Whether staff must use an authenticator app: the admins' choice in <c>/admin/settings</c> if
/// they made one, else the configuration's (<c>Staff:RequireTwoFactor</c>; required outside Development).
/// </summary>
public sealed class TwoFactorPolicy(SiteSettingsStore settings, IOptions<StaffOptions> staff)
{
    /// <summary>The configuration's choice, which applies while the admins have not made one.</summary>
    public bool Configured => staff.Value.RequireTwoFactor ?? true;

    public async Task<bool> IsRequiredAsync(CancellationToken cancellationToken = default) =>
        (await settings.GetAsync(cancellationToken)).RequireTwoFactor ?? Configured;
}
