using System.Security.Claims;
using MeToo.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace MeToo.Web.Staff;

public static class StaffAccounts
{
    public const string StaffPolicy = "Staff";
    public const string AdminPolicy = "Admin";

    /// <summary>Marks a session that must change its one-time password before anything else.</summary>
    public const string MustChangePasswordClaim = "metoo:must-change-password";

    /// <summary>When the session began, kept across sliding renewals for the absolute lifetime.</summary>
    public const string SignedInAtItem = "metoo:signed-in-at";

    public static IServiceCollection AddStaffAccounts(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var staff = configuration.GetSection(StaffOptions.Section).Get<StaffOptions>() ?? new StaffOptions();
        services.Configure<StaffOptions>(configuration.GetSection(StaffOptions.Section));
        services.AddScoped<StaffAudit>();
        services.AddScoped<StaffCommands>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddIdentityCore<StaffUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = staff.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = staff.FirstLockout;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = staff.StampValidationInterval);
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = environment.IsDevelopment() ? "metoo-staff" : "__Host-metoo-staff";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.Path = "/";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = staff.IdleTimeout;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/denied";
            options.Events.OnValidatePrincipal = ValidateSessionAsync;
        });

        services.AddAuthorization(options =>
        {
            options.AddPolicy(StaffPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(StaffRoles.Moderator, StaffRoles.Admin));
            options.AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(StaffRoles.Admin));
        });
        return services;
    }

    /// <summary>
    /// Ends a session past its absolute lifetime, then lets Identity re-check the security stamp
    /// (a disabled account's stamp changes, so its sessions end within the validation interval).
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var staff = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<StaffOptions>>().Value;
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (context.Properties.Items.TryGetValue(SignedInAtItem, out var raw)
            && DateTimeOffset.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var signedInAt)
            && now - signedInAt > staff.AbsoluteLifetime)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>Signs a staff member in with a fresh ticket, marking when the session began.</summary>
    public static Task SignInAsync(SignInManager<StaffUser> signIn, StaffUser user, DateTimeOffset now, bool mustChangePassword)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(user);
        var properties = new AuthenticationProperties { IsPersistent = false };
        properties.Items[SignedInAtItem] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        Claim[] claims = mustChangePassword ? [new Claim(MustChangePasswordClaim, "true")] : [];
        return signIn.SignInWithClaimsAsync(user, properties, claims);
    }
}
