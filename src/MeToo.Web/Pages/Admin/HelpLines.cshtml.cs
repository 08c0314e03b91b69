using FluentValidation;
using FluentValidation.AspNetCore;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Pages.Admin;

/// <summary>Admins keep the help lines of /help current: one JSON document, checked before it is saved.</summary>
public sealed class HelpLinesModel(SiteSettingsStore settings, Countries countries, IValidator<HelpLinesModel.HelpLinesInput> validator) : PageModel
{
    public sealed class HelpLinesInput
    {
        public string? Json { get; set; }
    }

    /// <summary>Every problem <see cref="HelpLineList.Parse"/> finds, in the admin's language.</summary>
    public sealed class HelpLinesInputValidator : AbstractValidator<HelpLinesInput>
    {
        public const int MaxLength = 200_000;

        public HelpLinesInputValidator(Countries countries, IStringLocalizer<SharedResource> l) =>
            RuleFor(i => i.Json).Custom((json, context) =>
            {
                if ((json?.Length ?? 0) > MaxLength)
                {
                    context.AddFailure(nameof(HelpLinesInput.Json), l["The list can be up to {0} characters.", MaxLength]);
                    return;
                }

                foreach (var problem in HelpLineList.Parse(json, countries.IsKnown).Errors)
                {
                    context.AddFailure(nameof(HelpLinesInput.Json), l[problem.Message, problem.Values]);
                }
            });
    }

    [BindProperty]
    public HelpLinesInput Input { get; set; } = new();

    public string? Json => Input.Json;

    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input.Json = await settings.HelpLinesJsonAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var validation = await validator.ValidateAsync(Input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState);
            return Page();
        }

        Input.Json = HelpLineList.Parse(Input.Json, countries.IsKnown).List!.ToJson();
        await settings.SaveAsync(Actor.Of(User), s => s.HelpLinesJson = Input.Json, cancellationToken);
        Saved = true;
        return Page();
    }
}
