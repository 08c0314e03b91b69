using FluentValidation;
using FluentValidation.AspNetCore;
using MeToo.Web.Data;
using MeToo.Web.Domain;
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
    StaffAuditLog audit,
    IValidator<ChangePasswordModel.PasswordInput> validator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed class PasswordInput
    {
        public string? CurrentPassword { get; set; }

        public string? NewPassword { get; set; }

        public string? ConfirmPassword { get; set; }
    }

    /// <summary>The form's own rules; the password's strength is Identity's (at least 12 characters).</summary>
    public sealed class PasswordInputValidator : AbstractValidator<PasswordInput>
    {
        public PasswordInputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(i => i.CurrentPassword).NotEmpty().WithMessage(_ => l["Enter your current password."]);
            RuleFor(i => i.NewPassword).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage(_ => l["Choose a new password."])
                .MaximumLength(256).WithMessage(_ => l["A password can be up to 256 characters."])
                .NotEqual(i => i.CurrentPassword).WithMessage(_ => l["Choose a new password different from the current one."]);
            RuleFor(i => i.ConfirmPassword).Equal(i => i.NewPassword).WithMessage(_ => l["The new password and its confirmation must match."]);
        }
    }

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool MustChange => User.HasClaim(c => c.Type == StaffAccounts.MustChangePasswordClaim);

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

        ModelState.Clear();
        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState);
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var (field, message) = error.Code == "PasswordMismatch"
                    ? (nameof(PasswordInput.CurrentPassword), localizer["The current password is not right."].Value)
                    : (nameof(PasswordInput.NewPassword), error.Description);
                ModelState.AddModelError(field, message);
            }

            return Page();
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        await audit.RecordAsync(await staffSignIn.ActorAsync(user), StaffActions.PasswordChanged);

        // A new session without the one-time mark (the stamp changed with the password).
        await staffSignIn.SignInAsync(user, usedSecondFactor: User.HasClaim(StaffAccounts.AuthenticationMethodClaim, StaffAccounts.MultiFactor));
        return LocalRedirect("~/account");
    }
}
