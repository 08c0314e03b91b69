using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Staff;

/// <summary>
/// Identity's messages, in the staff member's language: the ones a staff page can show (a name or
/// an email already taken or not allowed, a password too short, a change made at the same moment).
/// </summary>
public sealed class StaffIdentityErrors(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(nameof(DefaultError), localizer["Something went wrong. Nothing was changed; please try again."]);

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), localizer["Someone changed this account at the same moment. Nothing was changed; please try again."]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), localizer["The user name {0} is already taken.", userName]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), localizer["The email address {0} already has an account.", email]);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), localizer["A user name has 3 to 40 letters, digits, dots, dashes or underscores."]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), localizer["Enter an email address like name@example.org."]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), localizer["A password has at least {0} characters.", length]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), localizer["The current password is not right."]);

    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };
}
