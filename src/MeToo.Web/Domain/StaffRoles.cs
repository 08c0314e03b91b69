namespace MeToo.Web.Domain;

/// <summary>The two staff roles: moderators work the queues; admins also look after accounts and settings.</summary>
public static class StaffRoles
{
    public const string Moderator = "Moderator";
    public const string Admin = "Admin";

    public static readonly string[] All = [Moderator, Admin];

    public static bool IsKnown(string? role) => All.Contains(role, StringComparer.Ordinal);
}
