using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Moderation;
using MeToo.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Pages.Share;

/// <summary>
/// What the preview tells an author before they send: identifying details found in their own
/// words, and whether few published stories share their country, year and setting (DESIGN.md rules 5 and 15).
/// </summary>
public sealed record DraftReview(StoryDraft Draft, IReadOnlyList<Finding> BodyFindings, IReadOnlyList<Finding> OtherFindings, bool SmallGroup, int BackupRetentionDays)
{
    public IEnumerable<Finding> AllFindings => BodyFindings.Concat(OtherFindings);

    public static async Task<DraftReview> ForAsync(AppDbContext db, StoryDraft draft, PrivacyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(options);
        var content = draft.ToContent();
        var body = IdentifyingDetails.Find(content.Body, content.CountryCode);
        var other = Screening.Findings(content with { Body = string.Empty });
        var smallGroup = false;
        if (content.CountryCode is { } country && content.Year is { } year)
        {
            var settings = content.Settings.ToList();
            var query = db.Stories.Where(s => s.Status == StoryStatus.Published && s.CountryCode == country && s.Year == year);
            if (settings.Count > 0)
            {
                query = query.Where(s => s.Tags.Any(t => t.Kind == TaxonomyKind.Setting && settings.Contains(t.Key)));
            }

            smallGroup = await query.Take(options.SmallGroupThreshold).CountAsync(cancellationToken) < options.SmallGroupThreshold;
        }

        return new DraftReview(draft, body, other, smallGroup, options.BackupRetentionDays);
    }

    public static string WhyItMatters(DetailKind kind) => kind switch
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
    };

    public static string KindName(DetailKind kind) => kind switch
    {
        DetailKind.Email => "An email address",
        DetailKind.Phone => "A phone number",
        DetailKind.Link => "A link",
        DetailKind.Handle => "A social media handle",
        DetailKind.FullName => "A possible full name",
        DetailKind.Date => "An exact date",
        DetailKind.Postcode => "A postcode",
        DetailKind.Place => "A named employer, school or place",
        _ => "A detail",
    };
}
