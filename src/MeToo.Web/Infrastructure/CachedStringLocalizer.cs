using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// The shared interface text, looked up once per culture and name. The resource manager behind
/// <see cref="IStringLocalizer{T}"/> takes a lock on every lookup, and a page of stories asks it
/// several hundred times (every country in the filter form, every label, every card): under load
/// that lock was a fifth of the page's CPU. Resources do not change while the app runs, so what it
/// answered, found or not, is kept — a few thousand short strings at most.
/// </summary>
public sealed class CachedStringLocalizer<T>(IStringLocalizerFactory factory) : IStringLocalizer<T>
{
    private static readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> Strings = new();
    private readonly IStringLocalizer _inner = factory.Create(typeof(T));

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            return Strings.GetOrAdd((CultureInfo.CurrentUICulture.Name, name), static (key, inner) => inner[key.Name], _inner);
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
