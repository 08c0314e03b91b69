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

/// <summary>
/// Authenticator-app set-up (QR code drawn on the server, the key to type by hand, a first code to
/// prove it works, then ten recovery codes shown once), new recovery codes, and moving to a new
/// phone. Changes need a current code; every change is audited and ends the account's other sessions.
/// </summary>
public sealed class TwoFactorModel(
    UserManager<StaffUser> users,
    StaffSignIn staffSignIn,
    StaffAuditLog audit,
    TwoFactorPolicy policy,
    IValidator<TwoFactorModel.CodeInput> validator,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int RecoveryCodeCount = 10;

    public sealed class CodeInput
    {
        public string? Code { get; set; }
    }

    public sealed class CodeInputValidator : AbstractValidator<CodeInput>
    {
        public CodeInputValidator(IStringLocalizer<SharedResource> l) =>
            RuleFor(i => i.Code).NotEmpty().MaximumLength(40)
                .WithMessage(_ => l["Type the code your app shows now."]);
    }

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    /// <summary>Signed in with a code in this session (not just a password).</summary>
    public bool SessionUsedCode => User.HasClaim(StaffAccounts.AuthenticationMethodClaim, StaffAccounts.MultiFactor);

    public string? QrSvg { get; private set; }

    public string? ManualKey { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    /// <summary>Fresh recovery codes, shown in this one response and never again.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Confirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        return user is null ? Challenge() : await ShowAsync(user);
    }

    /// <summary>Turns two-factor on once the first code from the app checks out.</summary>
    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (user.TwoFactorEnabled)
        {
            return await ShowAsync(user);
        }

        if (!await ValidAsync())
        {
            return await ShowAsync(user);
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, SingleUseAuthenticatorTokenProvider.Name, SingleUseAuthenticatorTokenProvider.Normalize(Input.Code)))
        {
            Error = localizer["That code did not match. Check the time on your phone is right, then type the code the app shows now."];
            return await ShowAsync(user);
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await audit.RecordAsync(await staffSignIn.ActorAsync(user), StaffActions.TwoFactorEnabled, user.UserName);
        await staffSignIn.SignInAsync(user, usedSecondFactor: true);
        Confirmation = localizer["Two-factor sign-in is on. From now on you will need a code from the app after your password."];
        return await ShowAsync(user);
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!await ValidAsync())
        {
            return await ShowAsync(user);
        }

        if (!user.TwoFactorEnabled || !await staffSignIn.CheckSecondFactorAsync(user, Input.Code, StaffActions.TwoFactorCodeRefused))
        {
            Error = localizer["That code did not work. Type the code your app shows now."];
            return await ShowAsync(user);
        }

        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        await audit.RecordAsync(await staffSignIn.ActorAsync(user), StaffActions.RecoveryCodesRenewed, user.UserName);
        Confirmation = localizer["New recovery codes are ready; the old ones no longer work."];
        return await ShowAsync(user);
    }

    /// <summary>Forgets the authenticator (a new phone, or turning it off where it is optional).</summary>
    public async Task<IActionResult> OnPostResetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!await ValidAsync())
        {
            return await ShowAsync(user);
        }

        if (!user.TwoFactorEnabled || !await staffSignIn.CheckSecondFactorAsync(user, Input.Code, StaffActions.TwoFactorCodeRefused))
        {
            Error = localizer["That code did not work. Type the code your app shows now, or a recovery code."];
            return await ShowAsync(user);
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0); // forgets the recovery codes
        user.LastTotpTimeStep = null;
        await users.UpdateAsync(user);
        await audit.RecordAsync(await staffSignIn.ActorAsync(user), StaffActions.TwoFactorDisabled, user.UserName);
        await staffSignIn.SignInAsync(user, usedSecondFactor: false);
        return RedirectToPage();
    }

    private async Task<bool> ValidAsync()
    {
        ModelState.Clear();
        var validation = await validator.ValidateAsync(Input);
        validation.AddToModelState(ModelState);
        return validation.IsValid;
    }

    private async Task<PageResult> ShowAsync(StaffUser user)
    {
        Input.Code = null;
        Required = await policy.IsRequiredAsync();
        Enabled = user.TwoFactorEnabled;
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return Page();
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        var account = user.UserName!;
        QrSvg = AuthenticatorQr.Svg(AuthenticatorQr.Uri("MeToo", account, key!), localizer["QR code for your authenticator app"]);
        ManualKey = AuthenticatorQr.Grouped(key!);
        return Page();
    }
}
