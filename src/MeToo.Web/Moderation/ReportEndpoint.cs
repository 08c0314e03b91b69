using MeToo.Web.Infrastructure;
using MeToo.Web.Privacy;

namespace MeToo.Web.Moderation;

/// <summary>
/// <c>POST /stories/{publicId}/report</c>: a public POST without anti-forgery token or cookie,
/// guarded by the Fetch Metadata / Origin check (DESIGN.md rule 11). Answers by sending the reader
/// back to the story, which says thanks (or what was wrong).
/// </summary>
public static class ReportEndpoint
{
    public static IEndpointConventionBuilder MapReports(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/stories/{publicId}/report", HandleAsync)
            .DisableAntiforgery()
            .AddEndpointFilter<PublicPostGuard>();

    private static async Task<IResult> HandleAsync(string publicId, HttpContext context, ReportIntake intake)
    {
        if (!PublicId.IsWellFormed(publicId) || !context.Request.HasFormContentType)
        {
            return Results.NotFound();
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var outcome = await intake.ReceiveAsync(publicId, form["Reason"], form["Note"], context, context.RequestAborted);
        return outcome switch
        {
            ReportOutcome.NotFound => Results.NotFound(),
            ReportOutcome.Invalid => Results.Redirect($"/stories/{publicId}?report=invalid#report"),
            _ => Results.Redirect($"/stories/{publicId}?report=thanks#report"),
        };
    }
}
