using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Reading;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeToo.Web.Pages.Stories;

[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = Infrastructure.PublicPageCache.Policy)]
public sealed class DetailsModel(AppDbContext db, Countries countries, StoryLanguages languages) : PageModel
{
    public StoryView Story { get; private set; } = null!;

    public string? CountryName => Story.CountryCode is { } code ? countries.NameOf(code) : null;

    /// <summary>The story's language, named, when it is not the page's.</summary>
    public string? LanguageName => Reading.StoryHtml.LangIfOther(Story.Language) is { } code ? languages.NameOf(code) : null;

    public async Task<IActionResult> OnGetAsync(string publicId, CancellationToken cancellationToken)
    {
        if (!Privacy.PublicId.IsWellFormed(publicId))
        {
            return NotFound();
        }

        var story = await PublishedStories.FindAsync(db, publicId, cancellationToken);
        if (story is null)
        {
            return NotFound();
        }

        Story = story;
        // Its own tag besides the policy's, so that a tap on its support evicts this page alone.
        HttpContext.Features.Get<Microsoft.AspNetCore.OutputCaching.IOutputCacheFeature>()?.Context.Tags.Add(Infrastructure.PublicPageCache.StoryTag(publicId));
        return Page();
    }
}
