using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// Limits on what a client may send, and the status code for each way a request can be malformed.
/// No client input — method, body, content type, encoding, headers — is answered 5xx: a body over
/// its limit is a 413, a form with too many fields or a broken multipart boundary a 400, and the
/// friendly error page says so. The limits sit far above the fields' own (a story is at most
/// 20,000 characters), so a person writing is always answered by a validation message that keeps
/// their text, never by a limit.
/// </summary>
public sealed class RequestLimitOptions
{
    public const string Section = "RequestLimits";

    /// <summary>The largest request body, for every endpoint: 1 MB (the share preview round-trip is under 300 KB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest single form value: 512 KB (a 20,000-character story percent-encoded is at most 240 KB).</summary>
    public int MaxFormValueBytes { get; set; } = 512 * 1024;

    /// <summary>The most fields a form may have (the share form has about 40).</summary>
    public int MaxFormFields { get; set; } = 256;
}

/// <summary>
/// Reads a POSTed form once, up front, before anything else needs it: a body over a limit is a 413
/// and a malformed one a 400, the same on every endpoint — Razor Pages (whose anti-forgery check
/// would otherwise call every form fault a missing token) and the cookie-less endpoints alike. The
/// form stays buffered for whoever reads it next.
/// </summary>
public sealed class FormLimits(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // A re-executed error page belongs to a request already answered: its body is not read again.
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType
            && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            try
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (Exception exception) when (ClientErrors.StatusCodeFor(exception) is var status && status < 500)
            {
                context.Response.StatusCode = status;
                return;
            }
            catch (IOException)
            {
                // The body ended before the form did (a multipart body without its closing boundary, a
                // part cut short, a client that went away): the client's request, not our fault.
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
        }

        await next(context);
    }
}

public static class ClientErrors
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services, IConfiguration configuration, IWebHostBuilder webHost)
    {
        ArgumentNullException.ThrowIfNull(webHost);
        var limits = configuration.GetSection(RequestLimitOptions.Section).Get<RequestLimitOptions>() ?? new RequestLimitOptions();
        webHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
        });
        services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = limits.MaxFormFields;
            form.ValueLengthLimit = limits.MaxFormValueBytes;
            form.KeyLengthLimit = 1024;
            form.MultipartBodyLengthLimit = limits.MaxRequestBodyBytes;
            form.MultipartHeadersLengthLimit = 16 * 1024;
        });
        return services;
    }

    /// <summary>The exception handler's status code for an exception a client's request caused.</summary>
    public static int StatusCodeFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException tooBig when tooBig.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase) => StatusCodes.Status413PayloadTooLarge,
        InvalidDataException => StatusCodes.Status400BadRequest,
        AntiforgeryValidationException => StatusCodes.Status400BadRequest,
        _ when exception.InnerException is { } inner && StatusCodeFor(inner) is var code && code != StatusCodes.Status500InternalServerError => code,
        _ => StatusCodes.Status500InternalServerError,
    };
}
