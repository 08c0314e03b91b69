using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeToo.Web.Pages;

/// <summary>
/// Friendly pages for every error status; never a stack trace outside Development. The page answers
/// with the status of what went wrong — a re-executed status code, or the code the exception handler
/// chose — and a visit to <c>/error/…</c> itself is simply a page that is not there (404), so no
/// request can make it answer 5xx.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    // Nothing is bound from the request: a malformed body that led here must not fail here again.
    public IActionResult OnGet() => Show();

    public IActionResult OnPost() => Show();

    private PageResult Show()
    {
        Status = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null
            ? Response.StatusCode
            : HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is { OriginalStatusCode: >= 400 and < 600 } reExecuted
                ? reExecuted.OriginalStatusCode
                : StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
        return Page();
    }
}
