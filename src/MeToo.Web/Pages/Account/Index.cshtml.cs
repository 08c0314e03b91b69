using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeToo.Web.Pages.Account;

/// <summary>The staff member's own page: who they are signed in as, and what they can do.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
