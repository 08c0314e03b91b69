using System.Threading.RateLimiting;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// Limits kept in memory only (DESIGN.md rule 1): the client address is a partition key in the
/// limiter's memory, never written anywhere. Tests set their own numbers through configuration.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Stories one client may submit per window.</summary>
    public int SharePerClient { get; set; } = 5;

    /// <summary>Stories all clients together may submit per window: a ceiling against floods.</summary>
    public int ShareGlobal { get; set; } = 300;

    public TimeSpan ShareWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Receipt look-ups (every POST to /my-story) one client may make per window.</summary>
    public int ReceiptLookupsPerClient { get; set; } = 30;

    public TimeSpan ReceiptLookupWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in attempts one address may make per window, whatever the account.</summary>
    public int SignInsPerAddress { get; set; } = 20;

    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Reports one client may send per window, whatever the story.</summary>
    public int ReportsPerClient { get; set; } = 20;

    public TimeSpan ReportWindow { get; set; } = TimeSpan.FromHours(1);
}

public static class RateLimits
{
    public static IServiceCollection AddMeTooRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;

            // Per client first, then the global ceiling: a client over its own limit is refused
            // before it can use up the permits everyone shares.
            var perClient = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsStorySubmission(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter("share " + ClientKey(context), _ => Window(options.SharePerClient, options.ShareWindow))
                    : IsReceiptLookup(context.Request)
                        ? RateLimitPartition.GetFixedWindowLimiter("receipt " + ClientKey(context), _ => Window(options.ReceiptLookupsPerClient, options.ReceiptLookupWindow))
                        : IsSignIn(context.Request)
                            ? RateLimitPartition.GetFixedWindowLimiter("sign-in " + ClientKey(context), _ => Window(options.SignInsPerAddress, options.SignInWindow))
                            : IsReport(context.Request)
                                ? RateLimitPartition.GetFixedWindowLimiter("report " + ClientKey(context), _ => Window(options.ReportsPerClient, options.ReportWindow))
                                : RateLimitPartition.GetNoLimiter(string.Empty));
            var global = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsStorySubmission(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter("all-submissions", _ => Window(options.ShareGlobal, options.ShareWindow))
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(perClient, global);
        });
        return services;
    }

    /// <summary>The partition key: the client address, held in the limiter's memory only.</summary>
    public static string ClientKey(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0 };

    private static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/account/login", StringComparison.OrdinalIgnoreCase);

    private static bool IsReport(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Path.StartsWithSegments("/stories", StringComparison.OrdinalIgnoreCase)
        && request.Path.Value!.EndsWith("/report", StringComparison.OrdinalIgnoreCase);

    private static bool IsReceiptLookup(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/my-story", StringComparison.OrdinalIgnoreCase);

    private static bool IsStorySubmission(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Path.StartsWithSegments("/share", StringComparison.OrdinalIgnoreCase)
        && string.Equals(request.Query["handler"], "Submit", StringComparison.OrdinalIgnoreCase);
}
