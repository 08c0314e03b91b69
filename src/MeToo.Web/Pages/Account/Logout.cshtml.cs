using MeToo.Web.Data;
using MeToo.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeToo.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<StaffUser> signIn, StaffAuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = User.Identity?.IsAuthenticated == true ? Actor.Of(User) : null;
        await signIn.SignOutAsync();
        if (actor is not null)
        {
            await audit.RecordAsync(actor, StaffActions.SignedOut);
        }

        return LocalRedirect("~/");
    }
}
