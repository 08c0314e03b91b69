using System.Security.Claims;

namespace MeToo.Web.Domain;

/// <summary>
/// Who did something the staff audit log records: a signed-in staff member (by user name, in their
/// highest role), the app itself (automatic hiding, retention), the operator's command line, or a
/// sign-in attempt that named no account. The one way to name an actor, everywhere.
/// </summary>
public sealed record Actor
{
    private Actor(string name, string? role)
    {
        Name = name;
        Role = role;
    }

    /// <summary>The app itself: automatic hiding after reports, the retention job.</summary>
    public static Actor System { get; } = new("system", null);

    /// <summary>The operator at the command line (<c>admin create</c>, <c>admin unlock</c> …).</summary>
    public static Actor CommandLine { get; } = new("cli", null);

    /// <summary>A sign-in attempt that named no account. The typed name is never recorded.</summary>
    public static Actor UnknownAccount { get; } = new("(unknown account)", null);

    /// <summary>The audit log's name for the actor: a staff user name, or one of the names above.</summary>
    public string Name { get; }

    /// <summary><see cref="StaffRoles.Admin"/> or <see cref="StaffRoles.Moderator"/> for staff; null otherwise.</summary>
    public string? Role { get; }

    public bool IsStaff => Role is not null;

    /// <summary>A staff member, by user name, in the role they acted in.</summary>
    public static Actor Staff(string userName, string? role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        return new(userName, role is null || StaffRoles.IsKnown(role) ? role : throw new ArgumentOutOfRangeException(nameof(role), role, "Not a staff role."));
    }

    /// <summary>The signed-in staff member of a request, in their highest role.</summary>
    public static Actor Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.Identity?.IsAuthenticated == true ? user.Identity.Name : null;
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidOperationException("Only a signed-in staff member acts as staff.");
        }

        return new(name, user.IsInRole(StaffRoles.Admin) ? StaffRoles.Admin : StaffRoles.Moderator);
    }
}
