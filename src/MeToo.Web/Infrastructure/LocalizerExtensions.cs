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

    public static string Label(this IStringLocalizer localizer, ReportReason reason)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer[reason switch
        {
            ReportReason.IdentifiesSomeone => "It names or identifies someone",
            ReportReason.HatefulOrAbusive => "It is hateful or abusive",
            ReportReason.NotATestimony => "It is not a testimony",
            ReportReason.Spam => "It is spam or advertising",
            ReportReason.AuthorTakedown => "I wrote this — please take it down",
            _ => "Something else",
        }];
    }

    public static string Label(this IStringLocalizer localizer, RejectionReason reason)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer[reason switch
        {
            RejectionReason.NotATestimony => "Not a testimony",
            RejectionReason.IdentifiesSomeone => "Identifies someone",
            RejectionReason.HatefulOrAbusive => "Hateful or abusive",
            RejectionReason.Spam => "Spam",
            RejectionReason.Duplicate => "Duplicate",
            _ => "Other",
        }];
    }

    public static string Label(this IStringLocalizer localizer, MarkerKind kind)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer[kind switch
        {
            MarkerKind.Email => "email address",
            MarkerKind.Phone => "phone number",
            MarkerKind.Link => "link",
            MarkerKind.Handle => "social media handle",
            MarkerKind.FullName => "possible full name",
            MarkerKind.Date => "exact date",
            MarkerKind.Postcode => "postcode",
            MarkerKind.Place => "named place",
            MarkerKind.BannedWord => "banned word",
            MarkerKind.SuspectWord => "suspect word",
            MarkerKind.DuplicateText => "duplicate text",
            MarkerKind.VeryShort => "very short",
            _ => "reported",
        }];
    }
}
