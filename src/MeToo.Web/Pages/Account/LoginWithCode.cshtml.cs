using FluentValidation;
using FluentValidation.AspNetCore;
using MeToo.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Pages.Account;

/// <summary>
/// Staff sign-in, second step: a code from the authenticator app (accepted once) or a recovery
/// code (each works once). Reachable only within five minutes of passing the password step.
/// </summary>
public sealed class LoginWithCodeModel(StaffSignIn staffSignIn, IValidator<LoginWithCodeModel.CodeInput> validator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int CodeMaxLength = 40;

    public sealed class CodeInput
    {
        public string? Code { get; set; }
    }

    public sealed class CodeInputValidator : AbstractValidator<CodeInput>
    {
        public CodeInputValidator(IStringLocalizer<SharedResource> l) =>
            RuleFor(i => i.Code).NotEmpty().MaximumLength(CodeMaxLength)
                .WithMessage(_ => l["Type the six-digit code your app shows, or one of your recovery codes."]);
    }

    [BindProperty]
    public CodeInput Input { get; set; } = new();

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

        ModelState.Clear();
        var validation = await validator.ValidateAsync(Input);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState);
            return Page();
        }

        if (!await staffSignIn.CheckSecondFactorAsync(user, Input.Code))
        {
            Error = localizer["That code did not work, or the account is locked for a few minutes. Codes from the app change every 30 seconds and each works once."];
            Input.Code = null;
            return Page();
        }

        await staffSignIn.CompleteAsync(user, usedSecondFactor: true);
        if (user.MustChangePassword)
        {
            return LocalRedirect("~/account/changepassword");
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "~/account");
    }
}
