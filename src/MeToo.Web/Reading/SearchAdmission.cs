using MeToo.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeToo.Web.Reading;

/// <summary>
/// The door of a reader's search (the stories page with words to look for, under any of its paths):
/// the <see cref="SearchLimiter"/> admits it or refuses it on the request thread, where waiting costs
/// nothing; then the rest of an admitted search's request — the queries, the page's rendering and
/// compression — runs on the <see cref="SearchThreads"/>, below every other page's priority, and the
/// lease is given back when the page is written. Admitting a search on a search thread would queue
/// it there unrefused (the limiter would never see more than one waiting); rendering it on the
/// request threads left the home page's p95 under 32 searching readers at 6–8 times its unloaded one.
/// The page reads the decision (<see cref="Decision"/>) and answers 429 with <c>Retry-After</c> when refused.
/// </summary>
public sealed class SearchAdmission(RequestDelegate next, SearchLimiter limiter, SearchThreads threads)
{
    /// <summary>What the door decided for this request, for the page to read.</summary>
    public sealed record Decision(LimitAnswer Answer);

    /// <summary>The stories page's own name among Razor Pages, whatever path reached it.</summary>
    private const string StoriesPage = "/Stories/Index";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (lease, answer) = await limiter.AcquireAsync(context, context.RequestAborted);
        using (lease)
        {
            context.Features.Set(new Decision(answer));
            // A refusal is answered at once, at the request threads' priority: it must not wait for a core
            // the searches cannot get either.
            await (answer.Allowed ? threads.RunPipelineAsync(context, next) : next(context));
        }
    }

    /// <summary>A search with words to look for, asked of the stories page (after routing).</summary>
    public static bool IsSearch(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<PageActionDescriptor>() is not { ViewEnginePath: StoriesPage })
        {
            return false;
        }

        // As the page binds it: the first value of q.
        var words = context.Request.Query["q"];
        return words.Count > 0 && StorySearch.ToMatch(words[0]) is not null;
    }
}
