namespace MeToo.Web.Staff;

public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>Failed sign-ins in a row before a lockout.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>The first lockout; each lockout in a row doubles it, up to <see cref="MaxLockout"/>.</summary>
    public TimeSpan FirstLockout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Short enough that a stranger cannot lock the team out for long.</summary>
    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A session ends after this long without a request.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A session ends this long after sign-in, however active.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(10);

    /// <summary>How often a session's security stamp is checked: a disabled account's sessions end within it.</summary>
    public TimeSpan StampValidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether staff must use an authenticator app. Unset means required everywhere but
    /// Development (where the demo accounts sign in with a password only).
    /// </summary>
    public bool? RequireTwoFactor { get; set; }

    public TimeSpan LockoutFor(int consecutiveLockouts)
    {
        var doubled = FirstLockout * Math.Pow(2, Math.Clamp(consecutiveLockouts, 0, 20));
        return doubled < MaxLockout ? doubled : MaxLockout;
    }
}
