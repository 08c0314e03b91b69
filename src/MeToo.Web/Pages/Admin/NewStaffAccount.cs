using FluentValidation;
using MeToo.Web.Staff;

namespace MeToo.Web.Pages.Admin;

/// <summary>The "add a staff member" form on <c>/admin/moderators</c>.</summary>
public sealed class NewStaffAccount
{
    public string? Email { get; set; }

    /// <summary>Optional: a name is made up when left empty.</summary>
    public string? Username { get; set; }

    public string? Role { get; set; } = StaffRoles.Moderator;
}

public sealed class NewStaffAccountValidator : AbstractValidator<NewStaffAccount>
{
    public NewStaffAccountValidator()
    {
        RuleFor(a => a.Email)
            .NotEmpty().WithMessage("Enter their email address, so they can be reached.")
            .MaximumLength(256).WithMessage("The email address must be at most 256 characters.")
            .EmailAddress().WithMessage("Enter an email address like name@example.org.");
        RuleFor(a => a.Username)
            .Matches("^[A-Za-z0-9._-]{3,40}$").When(a => !string.IsNullOrWhiteSpace(a.Username))
            .WithMessage("A user name has 3 to 40 letters, digits, dots, dashes or underscores.")
            .Must((account, name) => !string.Equals(name?.Trim(), account.Email?.Trim(), StringComparison.OrdinalIgnoreCase))
            .WithMessage("The user name must not be the email address: staff sign in with a name that is not public.");
        RuleFor(a => a.Role)
            .Must(StaffRoles.IsKnown).WithMessage("Choose a role: Moderator or Admin.");
    }
}
