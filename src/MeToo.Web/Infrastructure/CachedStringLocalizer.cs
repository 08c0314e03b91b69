using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// The shared interface text, looked up once per culture and name. The resource manager behind
/// <see cref="IStringLocalizer{T}"/> takes a lock on every lookup, and a page of stories asks it
/// several hundred times (every country in the filter form, every label, every card): under load
/// that lock was a fifth of the page's CPU. Resources do not change while the app runs, so what it
/// answered, found or not, is kept — a few thousand short strings at most. A text with no translation
/// in a language other than English (whose wording is the key, decision 0003) is logged once, as a
/// warning naming the language and the text: the reader sees English there, and the tests fail.
/// </summary>
public sealed class CachedStringLocalizer<T>(IStringLocalizerFactory factory, ILogger<CachedStringLocalizer<T>> logger) : IStringLocalizer<T>
{
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _strings = new();
    private readonly IStringLocalizer _inner = factory.Create(typeof(T));

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var culture = CultureInfo.CurrentUICulture.Name;
            if (_strings.TryGetValue((culture, name), out var found))
            {
                return found;
            }

            var looked = _inner[name];
            if (_strings.TryAdd((culture, name), looked) && looked.ResourceNotFound && culture.Length > 0 && culture != SiteLanguages.Default)
            {
                logger.LogWarning("No {Culture} translation for the text {Text}", culture, name);
            }

            return looked;
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _inner.GetAllStrings(includeParentCultures);
}
