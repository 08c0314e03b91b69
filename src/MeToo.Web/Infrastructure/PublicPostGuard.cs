namespace MeToo.Web.Infrastructure;

/// <summary>
/// The check that stands in for anti-forgery on public POSTs that set no cookie (privacy rule 11:
/// support, "Say #MeToo", reports): a request whose <c>Sec-Fetch-Site</c> is present and not
/// <c>same-origin</c>, or whose <c>Origin</c> is present and not this site, is refused.
/// </summary>
public sealed class PublicPostGuard : IEndpointFilter
{
    /// <summary>
    /// The one instance every endpoint shares (it holds no state). Given as a type instead, each endpoint
    /// would first look for a constructor taking the filter's factory context and catch the failure: five
    /// exceptions thrown at every start, before the first answer (docs/performance.md, start-up).
    /// </summary>
    public static PublicPostGuard Instance { get; } = new();

    private PublicPostGuard()
    {
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return IsSameOrigin(context.HttpContext.Request)
            ? await next(context)
            : Results.StatusCode(StatusCodes.Status403Forbidden);
    }

    public static bool IsSameOrigin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && !string.Equals(site, "same-origin", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0
            || string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }
}
