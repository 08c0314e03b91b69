using MeToo.Web.Data;
using MeToo.Web.Pages.Stories;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeToo.Web.Pages;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int LatestCount = 5;

    public int PublishedCount { get; private set; }

    public IReadOnlyList<StoryView> Latest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PublishedCount = await PublishedStories.CountAsync(db, cancellationToken);
        Latest = await PublishedStories.LatestAsync(db, LatestCount, cancellationToken);
    }
}
