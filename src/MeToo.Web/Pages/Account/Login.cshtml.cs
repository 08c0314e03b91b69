using MeToo.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Pages.Account;

/// <summary>
/// Staff sign-in, first step. One message for every failure (unknown name, wrong password,
/// disabled, locked), short escalating lockouts, and a per-address limit in front (RateLimits).
/// Accounts with an authenticator go on to <c>/account/loginwithcode</c>.
/// </summary>
public sealed class LoginModel(StaffSignIn staffSignIn, IStringLocalizer<SharedResource> localizer) : PageModel
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
        var user = await staffSignIn.CheckPasswordAsync(Username, Password);
        if (user is null)
        {
            Error = localizer["Those details did not work, or the account is locked for a few minutes. Please try again."];
            Password = null;
            return Page();
        }

        var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;
        if (user.TwoFactorEnabled)
        {
            await staffSignIn.BeginSecondStepAsync(user);
            return RedirectToPage("/Account/LoginWithCode", new { returnUrl });
        }

        await staffSignIn.CompleteAsync(user, usedSecondFactor: false);
        return user.MustChangePassword ? Redirect("/account/changepassword") : LocalRedirect(returnUrl ?? "/account");
    }
}
