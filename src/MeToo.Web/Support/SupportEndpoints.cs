using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Infrastructure;
using MeToo.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Support;

/// <summary>
/// Silent support and "Say #MeToo": public POSTs without anti-forgery token or cookie, guarded by
/// the Fetch Metadata / Origin check (DESIGN.md rule 11), counted once per client and day through
/// <see cref="DailyClientKeys"/> (rule 9). Support increments the story's count in one atomic
/// UPDATE that does not touch its version; both add to a per-day aggregate. Without JavaScript the
/// answer is a redirect back; with it (<c>Accept: application/json</c>) the new count.
/// </summary>
public static class SupportEndpoints
{
    public static void MapSupport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/stories/{publicId}/support", SupportAsync).DisableAntiforgery().AddEndpointFilter<PublicPostGuard>();
        endpoints.MapPost("/metoo", SayMeTooAsync).DisableAntiforgery().AddEndpointFilter<PublicPostGuard>();
        endpoints.MapPost("/safety/forget", ForgetDevice).DisableAntiforgery().AddEndpointFilter<PublicPostGuard>();
    }

    /// <summary>"Forget this device", without JavaScript: the browser clears the site's storage and cache.</summary>
    private static IResult ForgetDevice(HttpContext context)
    {
        context.Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
        return Results.Redirect("/safety?forgotten=1#forget");
    }

    private static async Task<IResult> SupportAsync(string publicId, HttpContext context, AppDbContext db, DailyClientKeys keys, TimeProvider time)
    {
        if (!PublicId.IsWellFormed(publicId))
        {
            return Results.NotFound();
        }

        var cancellationToken = context.RequestAborted;
        var exists = await db.Stories.AnyAsync(s => s.PublicId == publicId && s.Status == StoryStatus.Published, cancellationToken);
        if (!exists)
        {
            return Results.NotFound();
        }

        var counted = keys.TryRecord(TallyKinds.Support, publicId, context);
        if (counted)
        {
            await db.Stories
                .Where(s => s.PublicId == publicId && s.Status == StoryStatus.Published)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.SupportCount, s => s.SupportCount + 1), cancellationToken);
            await AddToTallyAsync(db, TallyKinds.Support, Today(time), string.Empty, cancellationToken);
        }

        if (!WantsJson(context))
        {
            return Results.Redirect($"/stories/{publicId}?supported=1#support");
        }

        var count = await db.Stories.Where(s => s.PublicId == publicId).Select(s => s.SupportCount).SingleOrDefaultAsync(cancellationToken);
        return Results.Json(new { count, counted });
    }

    private static async Task<IResult> SayMeTooAsync(HttpContext context, AppDbContext db, DailyClientKeys keys, TimeProvider time, Taxonomy taxonomy)
    {
        var cancellationToken = context.RequestAborted;
        var setting = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(cancellationToken))["Setting"].ToString() : string.Empty;
        if (setting.Length > 0 && !taxonomy.IsKnown(TaxonomyKind.Setting, setting))
        {
            setting = string.Empty;
        }

        var counted = keys.TryRecord(TallyKinds.MeToo, string.Empty, context);
        if (counted)
        {
            await AddToTallyAsync(db, TallyKinds.MeToo, Today(time), setting, cancellationToken);
        }

        if (!WantsJson(context))
        {
            return Results.Redirect("/?metoo=1#say-metoo");
        }

        var total = await db.DailyTallies.Where(t => t.Kind == TallyKinds.MeToo).SumAsync(t => t.Count, cancellationToken);
        return Results.Json(new { count = total, counted });
    }

    /// <summary>One atomic upsert: the day's row is created or incremented, never read first.</summary>
    public static Task AddToTallyAsync(AppDbContext db, string kind, DateOnly day, string key, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO DailyTallies (Kind, Day, Key, Count) VALUES ({kind}, {day}, {key}, 1) ON CONFLICT (Kind, Day, Key) DO UPDATE SET Count = Count + 1",
            cancellationToken);

    private static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private static bool WantsJson(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
}
