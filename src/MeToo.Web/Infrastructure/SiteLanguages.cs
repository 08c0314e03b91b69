using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Infrastructure;

/// <summary>The languages the site is offered in (<c>Languages:Offered</c>); English, at the root, comes first.</summary>
public sealed class LanguageOptions
{
    public const string Section = "Languages";

    /// <summary>
    /// Two-letter codes with a resource file each (<c>Resources/SharedResource.{code}.resx</c>). A
    /// fourth language is its resource file and its code here (docs/languages.md).
    /// </summary>
    /// <remarks>
    /// Empty here, so that the configuration's list is the list: the binder adds a configured array
    /// to the one a property starts with, and a site configured for English alone would still offer
    /// the defaults. Left empty, the site offers <see cref="Defaults"/>.
    /// </remarks>
    public string[] Offered { get; set; } = [];

    /// <summary>
    /// The languages a story may be written in, shown on the share form and the browse filter; the
    /// offered languages and <see cref="StoryDefaults"/> when left empty (it is not in appsettings.json,
    /// so that a configured list is the whole list: a configured array's items are merged by index
    /// with a base file's). Each is a quasi-identifier (docs/privacy.md, rule 15).
    /// </summary>
    public string[] Stories { get; set; } = [];

    public static readonly string[] Defaults = [SiteLanguages.Default, "es", "fr"];

    /// <summary>
    /// The native speaker who reviewed each translation and signed it off, by code
    /// (<c>Languages:Reviewers:es</c>). Until a language has one, every page in it says it is not yet
    /// reviewed. Name only someone who did review it.
    /// </summary>
    public Dictionary<string, string> Reviewers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Who reviewed <paramref name="language"/>'s translation; null until a native speaker has.</summary>
    public string? ReviewerOf(string language) =>
        Reviewers.TryGetValue(language, out var name) && !string.IsNullOrWhiteSpace(name) ? name.Trim() : null;

    /// <summary>Languages many survivors write in beside the offered ones.</summary>
    public static readonly string[] StoryDefaults = ["pt", "de", "it"];
}

/// <summary>The offered languages, cleaned once: lower case, no repeats, the default first.</summary>
public sealed class OfferedLanguages(IOptions<LanguageOptions> options)
{
    public IReadOnlyList<string> Codes { get; } =
    [
        .. (options.Value.Offered.Length > 0 ? options.Value.Offered : LanguageOptions.Defaults)
            .Select(code => code.Trim().ToLowerInvariant())
            .Where(code => code.Length > 0)
            .Prepend(SiteLanguages.Default)
            .Distinct(StringComparer.Ordinal),
    ];
}

/// <summary>
/// The reader's language is the first segment of the path — <c>/es/stories</c>, <c>/fr/share</c> —
/// and English is at the root. The segment becomes the request's path base, so routing, links
/// written <c>~/…</c>, redirects to pages, forms posting back and the error pages all stay in the
/// language without knowing it, and the output cache, whose key includes the path base, keeps one
/// entry per language. Nothing else chooses the language: no cookie, no query string, no
/// <c>Accept-Language</c> (a page that varied on a free-text header could not be cached, and a
/// silent switch would surprise a reader); the site's script may suggest a language, never follow it.
/// </summary>
public static class SiteLanguages
{
    public const string Default = "en";

    /// <summary>
    /// The view data a page sets when its state lives in one of its forms (the share steps, My story):
    /// the id of that form and the name of the step, which the language picker posts instead of linking.
    /// </summary>
    public const string StateForm = "LanguageStateForm";

    public const string StateStep = "LanguageStateStep";

    private static readonly object LanguageKey = new();

    /// <summary>The languages of this site, read once at start (the default first).</summary>
    public static IReadOnlyList<string> Offered(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<OfferedLanguages>().Codes;
    }

    /// <summary>Moves a language's segment from the path to the path base, and sets the culture of the request from it.</summary>
    public static WebApplication UseLanguageInPath(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var offered = Offered(app.Services);
        var prefixes = offered.Where(code => code != Default).Select(code => (Code: code, Segment: new PathString("/" + code))).ToArray();
        app.Use((context, next) =>
        {
            foreach (var (code, segment) in prefixes)
            {
                if (context.Request.Path.StartsWithSegments(segment, StringComparison.OrdinalIgnoreCase, out var rest))
                {
                    context.Request.PathBase = context.Request.PathBase.Add(segment);
                    context.Request.Path = rest.HasValue ? rest : new PathString("/");
                    context.Items[LanguageKey] = code;
                    break;
                }
            }

            return next(context);
        });
        return app;
    }

    /// <summary>Request localization from the path alone: the providers that read cookies, the query string and headers are removed.</summary>
    public static WebApplication UseLanguageCulture(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var cultures = Offered(app.Services).Select(CultureInfo.GetCultureInfo).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Default),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            ApplyCurrentCultureToResponseHeaders = false,
        };
        options.RequestCultureProviders.Clear();
        options.RequestCultureProviders.Add(new CustomRequestCultureProvider(context =>
            Task.FromResult(context.Items[LanguageKey] is string code ? new ProviderCultureResult(code) : null)));
        app.UseRequestLocalization(options);
        return app;
    }

    /// <summary>The language of this request's page (the default when its path names none).</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[LanguageKey] as string ?? Default;
    }

    /// <summary>The path base of <paramref name="language"/>'s pages, for this request ("" or "/es", under any outer base).</summary>
    public static string BaseFor(HttpContext context, string language)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(language);
        var pathBase = context.Request.PathBase.Value ?? string.Empty;
        var current = Of(context);
        var outer = current == Default ? pathBase : pathBase[..^(current.Length + 1)];
        return language == Default ? outer : outer + "/" + language;
    }

    /// <summary>
    /// The address of this same page in <paramref name="language"/>: its path and query under that
    /// language's segment (none for the default).
    /// </summary>
    public static string PathIn(HttpContext context, string language)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (path, query) = Requested(context);
        return BaseFor(context, language) + path + query;
    }

    /// <summary>The page the reader asked for: on an error page shown in its place, the original address, not the error page's.</summary>
    private static (string? Path, string? Query) Requested(HttpContext context) =>
        context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is { } reExecuted
            ? (reExecuted.OriginalPath, reExecuted.OriginalQueryString)
            : context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is { } failed
                ? (failed.Path, null)
                : (context.Request.Path.Value, context.Request.QueryString.Value);

    /// <summary>
    /// Where a page that holds an author's state posts it to show the same step in <paramref name="language"/>
    /// (its <c>Language</c> handler): the state travels in the form, never in an address.
    /// </summary>
    public static string StepIn(HttpContext context, string language)
    {
        ArgumentNullException.ThrowIfNull(context);
        return BaseFor(context, language) + Requested(context).Path + "?handler=Language";
    }

    /// <summary>The right-to-left scripts read from the right; the page's <c>dir</c>.</summary>
    public static string Direction(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TextInfo.IsRightToLeft ? "rtl" : "ltr";
    }

    /// <summary>The language's own name for itself ("Español", "Français"), for the language picker.</summary>
    public static string OwnName(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var name = culture.NativeName;
        return name.Length == 0 ? language : char.ToUpper(name[0], culture) + name[1..];
    }
}
