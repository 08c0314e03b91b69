using MeToo.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Pages.Account;

/// <summary>
/// Staff sign-in, second step: a code from the authenticator app (accepted once) or a recovery
/// code (each works once). Reachable only within five minutes of passing the password step.
/// </summary>
public sealed class LoginWithCodeModel(StaffSignIn staffSignIn, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>No password step in this browser in the last five minutes: start again.</summary>
    public bool Expired { get; private set; }

    public async Task OnGetAsync() => Expired = await staffSignIn.SecondStepUserAsync() is null;

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await staffSignIn.SecondStepUserAsync();
        if (user is null)
        {
            Expired = true;
            return Page();
        }

        if (!await staffSignIn.CheckSecondFactorAsync(user, Code))
        {
            Error = localizer["That code did not work, or the account is locked for a few minutes. Codes from the app change every 30 seconds and each works once."];
            Code = null;
            return Page();
        }

        await staffSignIn.CompleteAsync(user, usedSecondFactor: true);
        if (user.MustChangePassword)
        {
            return Redirect("/account/changepassword");
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/account");
    }
}
