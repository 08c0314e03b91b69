using MeToo.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace MeToo.Web.Support;

/// <summary>
/// Where "Leave this site" goes, by the page's language: a neutral, common page in that language (a
/// national weather page by default), so that a Spanish or French reader does not land on a page in
/// English that stands out on their screen. <c>QuickExit:Urls:{code}</c> sets one language; a
/// language without its own entry leaves for the default language's page.
/// </summary>
public sealed class QuickExitOptions
{
    public const string Section = "QuickExit";

    public Dictionary<string, string> Urls { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [SiteLanguages.Default] = "https://www.bbc.co.uk/weather",
        ["es"] = "https://www.aemet.es/es/eltiempo/prediccion/espana",
        ["fr"] = "https://meteofrance.com/",
    };

    /// <summary>The destination for a page in <paramref name="language"/>.</summary>
    public string For(string language) =>
        Urls.TryGetValue(language, out var url) && !string.IsNullOrWhiteSpace(url) ? url : Urls[SiteLanguages.Default];

    /// <summary>
    /// Every destination is an absolute https address or a path of this site: a typo that made the
    /// exit a broken link, or a plain-http page a network could rewrite, must stop the app at start.
    /// </summary>
    public sealed class Validator : IValidateOptions<QuickExitOptions>
    {
        public ValidateOptionsResult Validate(string? name, QuickExitOptions options)
        {
            ArgumentNullException.ThrowIfNull(options);
            if (!options.Urls.TryGetValue(SiteLanguages.Default, out var fallback) || string.IsNullOrWhiteSpace(fallback))
            {
                return ValidateOptionsResult.Fail($"QuickExit:Urls:{SiteLanguages.Default} must name the quick exit's destination.");
            }

            var bad = options.Urls.Where(pair => !Acceptable(pair.Value)).Select(pair => pair.Key).ToList();
            return bad.Count == 0
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"QuickExit:Urls:{string.Join(", ", bad)} must be an https address or a path of this site (starting with one '/').");
        }

        private static bool Acceptable(string? url) =>
            !string.IsNullOrWhiteSpace(url)
            && ((url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal))
                || (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme == Uri.UriSchemeHttps));
    }
}
