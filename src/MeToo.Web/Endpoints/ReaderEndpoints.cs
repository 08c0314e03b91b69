using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Infrastructure;
using MeToo.Web.Moderation;
using MeToo.Web.Privacy;
using MeToo.Web.Support;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Endpoints;

/// <summary>
/// The cookie-less public POSTs of readers (privacy rule 11): silent support, "Say #MeToo",
/// reports and "forget this device". They live outside Razor Pages' anti-forgery, set no cookie,
/// and are guarded by the Fetch Metadata / Origin check (<see cref="PublicPostGuard"/>). Without
/// JavaScript each answers with a redirect back; with it (<c>Accept: application/json</c>) the new count.
/// Like <c>Pages/</c>, this folder is the web surface: it calls the features, and nothing calls it.
/// </summary>
public static class ReaderEndpoints
{
    public static void MapReaderEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/stories/{publicId}/support", SupportAsync).DisableAntiforgery().AddEndpointFilter(PublicPostGuard.Instance);
        endpoints.MapPost("/metoo", SayMeTooAsync).DisableAntiforgery().AddEndpointFilter(PublicPostGuard.Instance);
        endpoints.MapPost("/stories/{publicId}/report", ReportAsync).DisableAntiforgery().AddEndpointFilter(PublicPostGuard.Instance).RequireRateLimiting(RateLimits.Report);
        endpoints.MapPost("/translation", TranslationReportAsync).DisableAntiforgery().AddEndpointFilter(PublicPostGuard.Instance).RequireRateLimiting(RateLimits.Report);
        endpoints.MapPost("/safety/forget", ForgetDevice).DisableAntiforgery().AddEndpointFilter(PublicPostGuard.Instance);
    }

    /// <summary>"Forget this device", without JavaScript: the browser clears the site's storage, cache and cookies.</summary>
    private static IResult ForgetDevice(HttpContext context)
    {
        context.Response.Headers["Clear-Site-Data"] = "\"cache\", \"cookies\", \"storage\"";
        return Results.Redirect(context.Request.PathBase + "/safety?forgotten=1#forget");
    }

    private static async Task<IResult> SupportAsync(string publicId, HttpContext context, SupportCounter counter, IStringLocalizer<SharedResource> localizer)
    {
        if (!PublicId.IsWellFormed(publicId))
        {
            return Results.NotFound();
        }

        var result = await counter.SupportAsync(publicId, context, context.RequestAborted);
        if (result is null)
        {
            return Results.NotFound();
        }

        return WantsJson(context)
            ? Results.Json(new { count = result.Count, counted = result.WasCounted, text = localizer.SupportCount(result.Count) })
            : Results.Redirect(context.Request.PathBase + $"/stories/{publicId}?supported=1#support");
    }

    private static async Task<IResult> SayMeTooAsync(HttpContext context, SupportCounter counter)
    {
        var setting = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(context.RequestAborted))["Setting"].ToString() : null;
        var result = await counter.SayMeTooAsync(setting, context, context.RequestAborted);
        return WantsJson(context)
            ? Results.Json(new { count = result.Count, counted = result.WasCounted })
            : Results.Redirect(context.Request.PathBase + "/?metoo=1#say-metoo");
    }

    /// <summary>Answers by sending the reader back to the story, which says thanks (or what was wrong).</summary>
    private static async Task<IResult> ReportAsync(string publicId, HttpContext context, ReportIntake intake)
    {
        if (!PublicId.IsWellFormed(publicId) || !context.Request.HasFormContentType)
        {
            return Results.NotFound();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var outcome = await intake.ReceiveAsync(publicId, new ReportIntake.Report(form["Reason"], form["Note"]), context, context.RequestAborted);
        return outcome switch
        {
            ReportOutcome.NotFound => Results.NotFound(),
            ReportOutcome.Invalid => Results.Redirect(context.Request.PathBase + $"/stories/{publicId}?report=invalid#report"),
            ReportOutcome.Busy => Busy(context),
            _ => Results.Redirect(context.Request.PathBase + $"/stories/{publicId}?report=thanks#report"),
        };
    }

    /// <summary>
    /// A wrong or clumsy translation, in the language of the page it was posted under (the path
    /// base): kept for the admins with nothing about the reader; the reader goes back to the form,
    /// which says thanks (or what was missing).
    /// </summary>
    private static async Task<IResult> TranslationReportAsync(HttpContext context, AppDbContext db, TimeProvider time)
    {
        if (!context.Request.HasFormContentType)
        {
            return Results.Redirect(context.Request.PathBase + "/translation?sent=invalid");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var wrong = Privacy.TextCleaner.CleanText(form["Wrong"]);
        var better = Privacy.TextCleaner.CleanText(form["Better"]);
        var page = TranslationReport.PagePath(Privacy.TextCleaner.CleanLine(form["Page"])) ?? "/";
        if (wrong.Length == 0 || wrong.Length > TranslationReport.TextMaxLength || better.Length > TranslationReport.TextMaxLength)
        {
            return Results.Redirect(context.Request.PathBase + "/translation?sent=invalid#translation-form");
        }

        db.TranslationReports.Add(new TranslationReport(SiteLanguages.Of(context), page, wrong, better, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
        await db.SaveChangesAsync(context.RequestAborted);
        return Results.Redirect(context.Request.PathBase + "/translation?sent=1");
    }

    /// <summary>Too busy to take a report now: a 429 with when to try again, never a 5xx.</summary>
    private static IResult Busy(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "3600";
        return Results.StatusCode(StatusCodes.Status429TooManyRequests);
    }

    private static bool WantsJson(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase);
}
