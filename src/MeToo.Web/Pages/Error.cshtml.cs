using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeToo.Web.Pages;

/// <summary>Friendly pages for every error status; never a stack trace outside Development.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public IActionResult OnGet(int? code) => Show(code);

    public IActionResult OnPost(int? code) => Show(code);

    private PageResult Show(int? code)
    {
        Status = code is >= 400 and < 600 ? code.Value : 500;
        Response.StatusCode = Status;
        return Page();
    }
}
