using MeToo.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeToo.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<StaffUser> signIn, StaffAudit audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var name = User.Identity?.Name;
        await signIn.SignOutAsync();
        if (name is not null)
        {
            await audit.RecordAsync(name, User.IsInRole(StaffRoles.Admin) ? StaffRoles.Admin : StaffRoles.Moderator, StaffActions.SignedOut);
        }

        return Redirect("/");
    }
}
