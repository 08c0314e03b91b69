using FluentValidation;
using FluentValidation.AspNetCore;
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
public sealed class LoginModel(StaffSignIn staffSignIn, IValidator<LoginModel.SignInInput> validator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int MaxLength = 256;

    public sealed class SignInInput
    {
        public string? Username { get; set; }

        public string? Password { get; set; }
    }

    /// <summary>Only what can be said without telling anything about an account: both fields, of a sane length.</summary>
    public sealed class SignInInputValidator : AbstractValidator<SignInInput>
    {
        public SignInInputValidator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(i => i.Username).NotEmpty().WithMessage(_ => l["Enter your user name."])
                .MaximumLength(MaxLength).WithMessage(_ => l["Those details did not work, or the account is locked for a few minutes. Please try again."]);
            RuleFor(i => i.Password).NotEmpty().WithMessage(_ => l["Enter your password."])
                .MaximumLength(MaxLength).WithMessage(_ => l["Those details did not work, or the account is locked for a few minutes. Please try again."]);
        }
    }

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    public string? Username => Input.Username;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState);
            Input.Password = null;
            return Page();
        }

        var user = await staffSignIn.CheckPasswordAsync(Input.Username, Input.Password);
        if (user is null)
        {
            Error = localizer["Those details did not work, or the account is locked for a few minutes. Please try again."];
            Input.Password = null;
            return Page();
        }

        var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;
        if (user.TwoFactorEnabled)
        {
            await staffSignIn.BeginSecondStepAsync(user);
            return RedirectToPage("/Account/LoginWithCode", new { returnUrl });
        }

        await staffSignIn.CompleteAsync(user, usedSecondFactor: false);
        return user.MustChangePassword ? LocalRedirect("~/account/changepassword") : LocalRedirect(returnUrl ?? "~/account");
    }
}
