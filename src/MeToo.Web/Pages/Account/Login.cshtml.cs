using MeToo.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Pages.Account;

/// <summary>
/// Staff sign-in. One message for every failure (unknown name, wrong password, disabled, locked),
/// short escalating lockouts, and a per-address limit in front (RateLimits).
/// </summary>
public sealed class LoginModel(
    UserManager<StaffUser> users,
    SignInManager<StaffUser> signIn,
    StaffAudit audit,
    TimeProvider time,
    IOptions<StaffOptions> options,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Username) ? null : await users.FindByNameAsync(Username.Trim());
        if (user is null || user.IsDisabled || string.IsNullOrEmpty(Password))
        {
            // The typed name is not recorded: people type passwords into the wrong field.
            await audit.RecordAsync(user?.UserName ?? "(unknown account)", null, StaffActions.SignInFailed);
            return Failed();
        }

        var role = (await users.GetRolesAsync(user)).FirstOrDefault();
        var now = time.GetUtcNow();

        // Lockouts are judged on the injected clock, so they can be tested and are never skipped.
        if (user.LockoutEnd is { } lockedUntil && lockedUntil > now)
        {
            await audit.RecordAsync(user.UserName!, role, StaffActions.SignInFailed);
            return Failed();
        }

        var result = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            // Identity has just locked the account: make each lockout in a row last longer.
            var duration = options.Value.LockoutFor(user.ConsecutiveLockouts);
            user.ConsecutiveLockouts++;
            user.LockoutEnd = now.Add(duration);
            await users.UpdateAsync(user);
            await audit.RecordAsync(user.UserName!, role, StaffActions.LockedOut);
            return Failed();
        }

        if (!result.Succeeded)
        {
            await audit.RecordAsync(user.UserName!, role, StaffActions.SignInFailed);
            return Failed();
        }

        user.ConsecutiveLockouts = 0;
        user.LockoutEnd = null;
        await users.UpdateAsync(user);
        await StaffAccounts.SignInAsync(signIn, user, time.GetUtcNow(), user.MustChangePassword);
        await audit.RecordAsync(user.UserName!, role, StaffActions.SignInSucceeded);
        if (user.MustChangePassword)
        {
            return Redirect("/account/changepassword");
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/account");
    }

    private PageResult Failed()
    {
        Error = localizer["Those details did not work, or the account is locked for a few minutes. Please try again."];
        Password = null;
        return Page();
    }
}
