using FluentValidation;
using MeToo.Web.Domain;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Staff;

/// <summary>A new staff account, from the "add a staff member" form on <c>/admin/moderators</c> or the <c>admin create</c> command.</summary>
public sealed class NewStaffAccount
{
    public string? Email { get; set; }

    /// <summary>Optional: a name is made up when left empty.</summary>
    public string? Username { get; set; }

    public string? Role { get; set; } = StaffRoles.Moderator;
}

/// <summary>The rules of a new account, for the form and the command line alike.</summary>
public sealed class NewStaffAccountValidator : AbstractValidator<NewStaffAccount>
{
    public NewStaffAccountValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(a => a.Email)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => l["Enter their email address, so they can be reached."])
            .MaximumLength(256).WithMessage(_ => l["The email address must be at most 256 characters."])
            .EmailAddress().WithMessage(_ => l["Enter an email address like name@example.org."]);
        RuleFor(a => a.Username)
            .Matches("^[A-Za-z0-9._-]{3,40}$").When(a => !string.IsNullOrWhiteSpace(a.Username))
            .WithMessage(_ => l["A user name has 3 to 40 letters, digits, dots, dashes or underscores."])
            .Must((account, name) => !string.Equals(name?.Trim(), account.Email?.Trim(), StringComparison.OrdinalIgnoreCase))
            .WithMessage(_ => l["The user name must not be the email address: staff sign in with a name that is not public."]);
        RuleFor(a => a.Role)
            .Must(StaffRoles.IsKnown).WithMessage(_ => l["Choose a role: Moderator or Admin."]);
    }
}
