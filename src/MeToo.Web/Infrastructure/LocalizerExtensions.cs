using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using Microsoft.Extensions.Localization;

namespace MeToo.Web.Infrastructure;

public static class LocalizerExtensions
{
    /// <summary>"1 person stands with them" / "12 people stand with them": the support count, in words.</summary>
    public static string SupportCount(this IStringLocalizer localizer, int count)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return count == 1
            ? localizer["1 person stands with them"]
            : localizer["{0:N0} people stand with them", count];
    }

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

    /// <summary>
    /// The one label table of screening markers and identifying details: the preview, the queue,
    /// the review page and the reports queue all name a kind the same way.
    /// </summary>
    public static string Label(this IStringLocalizer localizer, MarkerKind kind)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (MarkerKinds.DetailOf(kind) is { } detail)
        {
            return localizer.Label(detail);
        }

        return localizer[kind switch
        {
            MarkerKind.BannedWord => "Banned word",
            MarkerKind.SuspectWord => "Suspect word",
            MarkerKind.DuplicateText => "Duplicate text",
            MarkerKind.VeryShort => "Very short",
            _ => "Reported",
        }];
    }

    public static string Label(this IStringLocalizer localizer, DetailKind kind)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer[kind switch
        {
            DetailKind.Email => "Email address",
            DetailKind.Phone => "Phone number",
            DetailKind.Link => "Link",
            DetailKind.Handle => "Social media handle",
            DetailKind.FullName => "Possible full name",
            DetailKind.Date => "Exact date",
            DetailKind.Postcode => "Postcode",
            DetailKind.Place => "Named employer, school or place",
            _ => "Detail",
        }];
    }

    /// <summary>Why a kind of detail matters, in the words the author reads in the preview.</summary>
    public static string WhyItMatters(this IStringLocalizer localizer, DetailKind kind)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer[kind switch
        {
            DetailKind.Email => "An email address leads straight to a person.",
            DetailKind.Phone => "A phone number identifies a person.",
            DetailKind.Link => "A link can lead to a profile, a photo or a page that identifies you or someone else.",
            DetailKind.Handle => "A social media handle points to a real account.",
            DetailKind.FullName => "This looks like a person's name. Naming someone can identify you, and naming someone else can carry legal risk.",
            DetailKind.Date => "An exact date, with other details, can single out what happened and to whom.",
            DetailKind.Postcode => "A postcode narrows down where someone lives or works.",
            DetailKind.Place => "A named employer, school or place can identify you to people who know it.",
            _ => "This could identify you or someone else.",
        }];
    }
}
