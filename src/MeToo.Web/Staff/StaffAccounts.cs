using System.Security.Claims;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeToo.Web.Staff;

public static class StaffAccounts
{
    public const string StaffPolicy = "Staff";
    public const string AdminPolicy = "Admin";

    /// <summary>Marks a session that must change its one-time password before anything else.</summary>
    public const string MustChangePasswordClaim = "metoo:must-change-password";

    /// <summary>When the session began, kept across sliding renewals for the absolute lifetime.</summary>
    public const string SignedInAtItem = "metoo:signed-in-at";

    /// <summary>A random id per sign-in: every sign-in starts a new session.</summary>
    public const string SessionIdClaim = "metoo:session";

    /// <summary>The standard "authentication methods" claim; <see cref="MultiFactor"/> once a code passed.</summary>
    public const string AuthenticationMethodClaim = "amr";

    public const string MultiFactor = "mfa";

    /// <summary>Our claims survive Identity's periodic refresh of the principal (it rebuilds it from the database).</summary>
    private static readonly string[] SessionClaims = [MustChangePasswordClaim, SessionIdClaim, AuthenticationMethodClaim];

    public static IServiceCollection AddStaffAccounts(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var staff = configuration.GetSection(StaffOptions.Section).Get<StaffOptions>() ?? new StaffOptions();
        services.Configure<StaffOptions>(configuration.GetSection(StaffOptions.Section));
        services.PostConfigure<StaffOptions>(o => o.RequireTwoFactor ??= !environment.IsDevelopment());
        services.AddScoped<StaffAuditLog>();
        services.AddScoped<TwoFactorPolicy>();
        services.AddScoped<DemoStaff>();
        services.AddScoped<IOperatorCommand, StaffCommands>();
        services.AddScoped<StaffSignIn>();
        services.AddSingleton<DecoyPassword>();
        services.AddScoped<StaffAdministration>();
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
                options.Tokens.AuthenticatorTokenProvider = SingleUseAuthenticatorTokenProvider.Name;
            })
            .AddRoles<IdentityRole>()
            .AddErrorDescriber<StaffIdentityErrors>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserStore<StaffUserStore>() // authenticator keys and recovery codes encrypted
            .AddSignInManager()
            .AddTokenProvider<SingleUseAuthenticatorTokenProvider>(SingleUseAuthenticatorTokenProvider.Name);
        services.Replace(ServiceDescriptor.Scoped<ILookupNormalizer, StaffLookupNormalizer>());

        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = staff.StampValidationInterval;
            options.OnRefreshingPrincipal = context =>
            {
                var kept = context.CurrentPrincipal?.Claims.Where(c => SessionClaims.Contains(c.Type)).Select(c => new Claim(c.Type, c.Value)) ?? [];
                context.NewPrincipal?.Identities.First().AddClaims(kept);
                return Task.CompletedTask;
            };
        });

        // Between the password and the code: a short-lived cookie that only names the account.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.Name = environment.IsDevelopment() ? "metoo-staff-2fa" : "__Host-metoo-staff-2fa";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.Path = "/";
            options.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            options.SlidingExpiration = false;
        });
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
}
