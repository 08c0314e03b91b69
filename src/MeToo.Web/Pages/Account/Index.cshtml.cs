using MeToo.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeToo.Web.Pages.Account;

/// <summary>
/// The staff member's own page: who they are signed in as, what they can do, and the languages
/// they read (the queue can show only stories written in them).
/// </summary>
public sealed class IndexModel(UserManager<StaffUser> users, StoryLanguages languages) : PageModel
{
    public StoryLanguages Languages => languages;

    public IReadOnlyList<string> Reads { get; private set; } = [];

    public bool Saved { get; private set; }

    [BindProperty]
    public List<string> Read { get; set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        Reads = user.LanguagesRead();
        Saved = Request.Query["saved"] == "1";
        return Page();
    }

    public async Task<IActionResult> OnPostLanguagesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        user.ReadsLanguages(Read, languages);
        await users.UpdateAsync(user);
        return LocalRedirect("~/account?saved=1#languages");
    }
}
