using FluentValidation;
using FluentValidation.AspNetCore;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using MeToo.Web.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Pages.Admin;

/// <summary>The settings form.</summary>
public sealed class SettingsInput
{
    public int AutoHideThreshold { get; set; }

    public int KeepProtectionDays { get; set; }

    /// <summary>"default", "required" or "optional".</summary>
    public string TwoFactor { get; set; } = "default";

    public int RejectedRetentionDays { get; set; }

    public int ChangesRequestedRetentionDays { get; set; }

    public int AuditRetentionDays { get; set; }

    public bool SharingPaused { get; set; }

    public string? PauseMessage { get; set; }
}

public sealed class SettingsInputValidator : AbstractValidator<SettingsInput>
{
    public SettingsInputValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(s => s.AutoHideThreshold).InclusiveBetween(0, 1000).WithMessage(_ => l["Automatic hiding: 0 (off) or a number of reports up to 1000."]);
        RuleFor(s => s.KeepProtectionDays).InclusiveBetween(1, 365).WithMessage(_ => l["Protection after “keep”: 1 to 365 days."]);
        RuleFor(s => s.TwoFactor).Must(v => v is "default" or "required" or "optional").WithMessage(_ => l["Choose how two-factor sign-in applies."]);
        RuleFor(s => s.RejectedRetentionDays).InclusiveBetween(1, 3650).WithMessage(_ => l["Rejected stories: 1 to 3650 days."]);
        RuleFor(s => s.ChangesRequestedRetentionDays).InclusiveBetween(1, 3650).WithMessage(_ => l["Unanswered change requests: 1 to 3650 days."]);
        RuleFor(s => s.AuditRetentionDays).InclusiveBetween(7, 3650).WithMessage(_ => l["Staff audit entries: 7 to 3650 days."]);
        RuleFor(s => s.PauseMessage).MaximumLength(500).WithMessage(_ => l["The pause message can be up to 500 characters."]);
    }
}

/// <summary>The settings admins change at run time; each save is audited.</summary>
public sealed class SettingsModel(SiteSettingsStore store, TwoFactorPolicy twoFactor, IValidator<SettingsInput> validator) : PageModel
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public bool Saved { get; private set; }

    public bool DefaultRequiresTwoFactor { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var current = await store.GetAsync(cancellationToken);
        Input = new SettingsInput
        {
            AutoHideThreshold = current.AutoHideThreshold,
            KeepProtectionDays = current.KeepProtectionDays,
            TwoFactor = current.RequireTwoFactor switch { true => "required", false => "optional", null => "default" },
            RejectedRetentionDays = current.RejectedRetentionDays,
            ChangesRequestedRetentionDays = current.ChangesRequestedRetentionDays,
            AuditRetentionDays = current.AuditRetentionDays,
            SharingPaused = current.SharingPaused,
            PauseMessage = current.PauseMessage,
        };
        DefaultRequiresTwoFactor = twoFactor.Configured;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Input.PauseMessage = string.IsNullOrWhiteSpace(Input.PauseMessage) ? null : TextCleaner.CleanText(Input.PauseMessage);
        ModelState.Clear();
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        validation.AddToModelState(ModelState, nameof(Input));
        DefaultRequiresTwoFactor = twoFactor.Configured;
        if (!validation.IsValid)
        {
            return Page();
        }

        await store.SaveAsync(Actor.Of(User), settings =>
        {
            settings.AutoHideThreshold = Input.AutoHideThreshold;
            settings.KeepProtectionDays = Input.KeepProtectionDays;
            settings.RequireTwoFactor = Input.TwoFactor switch { "required" => true, "optional" => false, _ => null };
            settings.RejectedRetentionDays = Input.RejectedRetentionDays;
            settings.ChangesRequestedRetentionDays = Input.ChangesRequestedRetentionDays;
            settings.AuditRetentionDays = Input.AuditRetentionDays;
            settings.SharingPaused = Input.SharingPaused;
            settings.PauseMessage = Input.PauseMessage;
        }, cancellationToken);
        Saved = true;
        return Page();
    }
}
