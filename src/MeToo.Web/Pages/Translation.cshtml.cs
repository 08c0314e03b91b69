using MeToo.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Pages;

/// <summary>
/// Tell us about a wrong or clumsy translation: what reads wrong, on which page, and a better
/// wording if the reader has one. The form posts to a cookie-less endpoint (<c>POST /translation</c>)
/// that keeps nothing about the reader; admins read the reports at /admin/translations.
/// </summary>
public sealed class TranslationModel(IOptions<LanguageOptions> options) : PageModel
{
    /// <summary>The page the reader came from (a path on this site), carried in the link.</summary>
    public string? FromPage { get; private set; }

    public string? Sent { get; private set; }

    /// <summary>Who reviewed this language's translation; null until a native speaker has.</summary>
    public string? Reviewer { get; private set; }

    /// <remarks>The page is read from the query string: a parameter named <c>page</c> would meet the route value of the same name (this page's own name).</remarks>
    public void OnGet(string? sent)
    {
        FromPage = Domain.TranslationReport.PagePath(Request.Query["page"]);
        Sent = sent;
        Reviewer = options.Value.ReviewerOf(SiteLanguages.Of(HttpContext));
    }
}
