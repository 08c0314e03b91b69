using FluentValidation;
using FluentValidation.AspNetCore;
using MeToo.Web.Domain;
using MeToo.Web.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Pages.Admin;

/// <summary>
/// Admins add staff (a one-time password is shown once), and disable, re-enable, unlock and reset
/// two-factor for accounts. The /Admin folder requires the Admin role by convention.
/// </summary>
public sealed class ModeratorsModel(
    UserManager<StaffUser> users,
    StaffAdministration administration,
    IValidator<NewStaffAccount> validator,
    IValidator<ModeratorsModel.AccountAction> actionValidator,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record Row(string UserName, string Email, string Role, bool TwoFactor, bool Disabled, DateTimeOffset? LockedUntil, bool IsYou);

    [BindProperty]
    public NewStaffAccount NewAccount { get; set; } = new();

    /// <summary>Which account a disable, enable, unlock or reset is for.</summary>
    public sealed class AccountAction
    {
        public string? Username { get; set; }
    }

    public sealed class AccountActionValidator : AbstractValidator<AccountAction>
    {
        public AccountActionValidator(IStringLocalizer<SharedResource> l) =>
            RuleFor(a => a.Username).NotEmpty().MaximumLength(256).WithMessage(_ => l["That account no longer exists."]);
    }

    [BindProperty]
    public AccountAction Action { get; set; } = new();

    public IReadOnlyList<Row> Accounts { get; private set; } = [];

    /// <summary>Shown once, right after creating an account; never stored in clear.</summary>
    public string? CreatedUsername { get; private set; }

    public string? OneTimePassword { get; private set; }

    public string? Confirmation { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        ModelState.Clear();
        var validation = await validator.ValidateAsync(NewAccount);
        validation.AddToModelState(ModelState, nameof(NewAccount));
        if (validation.IsValid)
        {
            var outcome = await administration.CreateAsync(Actor.Of(User), NewAccount);
            if (outcome.Succeeded)
            {
                CreatedUsername = outcome.Username;
                OneTimePassword = outcome.OneTimePassword;
                NewAccount = new NewStaffAccount();
            }
            else
            {
                ModelState.AddModelError($"{nameof(NewAccount)}.{nameof(NewStaffAccount.Email)}", outcome.Error ?? string.Empty);
            }
        }

        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync() =>
        ChangeAsync(administration.DisableAsync, "{0} is disabled. Their sessions end within a minute.");

    public Task<IActionResult> OnPostEnableAsync() =>
        ChangeAsync(administration.EnableAsync, "{0} can sign in again.");

    public Task<IActionResult> OnPostUnlockAsync() =>
        ChangeAsync(administration.UnlockAsync, "{0} is unlocked.");

    public Task<IActionResult> OnPostResetTwoFactorAsync() =>
        ChangeAsync(administration.ResetTwoFactorAsync, "Two-factor sign-in for {0} is reset. They set up their authenticator again at their next sign-in.");

    private async Task<IActionResult> ChangeAsync(Func<Actor, StaffUser, Task<StaffAdministration.Outcome>> change, string done)
    {
        var user = (await actionValidator.ValidateAsync(Action)).IsValid ? await users.FindByNameAsync(Action.Username!) : null;
        if (user is null)
        {
            Error = localizer["That account no longer exists."];
        }
        else
        {
            var outcome = await change(Actor.Of(User), user);
            if (outcome.Succeeded)
            {
                Confirmation = localizer[done, user.UserName!];
            }
            else
            {
                Error = outcome.Error;
            }
        }

        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var all = await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync();
        var admins = (await users.GetUsersInRoleAsync(StaffRoles.Admin)).Select(u => u.Id).ToHashSet();
        var now = time.GetUtcNow();
        Accounts = all.Select(u => new Row(
                u.UserName!,
                u.Email ?? string.Empty,
                admins.Contains(u.Id) ? StaffRoles.Admin : StaffRoles.Moderator,
                u.TwoFactorEnabled,
                u.IsDisabled,
                u.LockoutEnd is { } until && until > now ? until : null,
                string.Equals(u.UserName, Actor.Of(User).Name, StringComparison.Ordinal)))
            .ToList();
    }
}
