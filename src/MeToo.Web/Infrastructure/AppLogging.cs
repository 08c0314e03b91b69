using Serilog;
using Serilog.Events;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// Logging: the console and a rolling file in the data directory. Levels come from configuration,
/// but the framework loggers that print paths, handlers, SQL or query strings are held at Warning
/// in code (privacy rule 6): configuration — or a missing settings file, when the app is started
/// from another folder — may make them quieter, never louder.
/// </summary>
public static class AppLogging
{
    /// <summary>Sources that can print a request's path, its handler, its query or SQL with values.</summary>
    public static readonly string[] HeldAtWarning =
    [
        "Microsoft.AspNetCore",
        "Microsoft.EntityFrameworkCore",
        "Microsoft.Extensions.Http",
        "System.Net.Http",
        "Serilog.AspNetCore",
    ];

    public static IServiceCollection AddAppLogging(this IServiceCollection services, IConfiguration configuration, string? dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var retained = configuration.GetValue("Logging:File:RetainedFiles", 14);
        return services.AddSerilog(
            (provider, logger) =>
            {
                logger
                    .ReadFrom.Configuration(configuration)
                    .ReadFrom.Services(provider)
                    .Enrich.With<DropRequestDetails>()
                    .Filter.ByExcluding(IsTooDetailed)
                    .Filter.ByExcluding(AuthorRequests.IsSilenced)
                    .WriteTo.Console();
                if (dataDirectory is not null)
                {
                    var path = AppStorage.InData(dataDirectory, configuration["Logging:File:Path"], "logs/metoo-.log");
                    logger.WriteTo.File(path, rollingInterval: RollingInterval.Day, retainedFileCountLimit: retained);
                }
            },
            preserveStaticLogger: true); // each host its own logger: tests run several hosts at once
    }

    /// <summary>A framework event below Warning from a source that may print what rule 6 forbids.</summary>
    public static bool IsTooDetailed(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (logEvent.Level >= LogEventLevel.Warning
            || !logEvent.Properties.TryGetValue("SourceContext", out var value)
            || value is not ScalarValue { Value: string source })
        {
            return false;
        }

        return HeldAtWarning.Any(prefix => source.StartsWith(prefix, StringComparison.Ordinal));
    }
}

/// <summary>
/// Endpoint metadata on every route of an author page (<c>/share</c>, <c>/my-story</c>, and any
/// route they get later, a language prefix included): such requests are never request-logged and
/// their answers are never stored (<c>no-store</c>), whatever their path (privacy rules 2 and 12).
/// </summary>
public sealed class AuthorPageMetadata
{
    public static AuthorPageMetadata Instance { get; } = new();

    public static bool IsAuthorPage(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetEndpoint()?.Metadata.GetMetadata<AuthorPageMetadata>() is not null;
    }
}
