using MeToo.Web.Domain;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Infrastructure;

public static class LocalizerExtensions
{
    /// <summary>The label of a taxonomy key, from the resource file (<c>Setting.workplace</c> → "Work").</summary>
    public static string Label(this IStringLocalizer localizer, TaxonomyKind kind, string key)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var found = localizer[$"{kind}.{key}"];
        return found.ResourceNotFound ? key : found.Value;
    }
}
