using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Reading;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Pages;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.PublicPageCache.Policy)]
public sealed class IndexModel(AppDbContext db, Taxonomy taxonomy) : PageModel
{
    public int PublishedCount { get; private set; }

    /// <summary>Everyone who said #MeToo here, from the per-day aggregates.</summary>
    public int MeTooCount { get; private set; }

    public IReadOnlyList<string> Settings => taxonomy.Settings;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PublishedCount = await PublishedStories.CountAsync(db, cancellationToken);
        MeTooCount = await db.DailyTallies.Where(t => t.Kind == TallyKinds.MeToo).SumAsync(t => t.Count, cancellationToken);
    }
}
