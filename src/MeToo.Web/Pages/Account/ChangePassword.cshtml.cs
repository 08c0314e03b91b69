using MeToo.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Pages.Account;

/// <summary>Changing the password; enforced at the first sign-in with a one-time password.</summary>
public sealed class ChangePasswordModel(
    UserManager<StaffUser> users,
    StaffSignIn staffSignIn,
    StaffAudit audit,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ConfirmPassword { get; set; }

    public bool MustChange => User.HasClaim(c => c.Type == StaffAccounts.MustChangePasswordClaim);

    public List<string> Errors { get; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(NewPassword) || NewPassword != ConfirmPassword)
        {
            Errors.Add(localizer["The new password and its confirmation must match."]);
            return Page();
        }

        if (NewPassword == CurrentPassword)
        {
            Errors.Add(localizer["Choose a new password different from the current one."]);
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, CurrentPassword ?? string.Empty, NewPassword);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => e.Code == "PasswordMismatch" ? localizer["The current password is not right."].Value : e.Description));
            return Page();
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        var role = (await users.GetRolesAsync(user)).FirstOrDefault();
        await audit.RecordAsync(user.UserName!, role, StaffActions.PasswordChanged);

        // A new session without the one-time mark (the stamp changed with the password).
        await staffSignIn.SignInAsync(user, usedSecondFactor: User.HasClaim(StaffAccounts.AuthenticationMethodClaim, StaffAccounts.MultiFactor));
        return Redirect("/account");
    }
}
