using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Sharing;

/// <summary>
/// What the preview tells an author before they send: identifying details found in their own
/// words (found once, with the same findings the moderators' markers come from), and whether few
/// published stories share their country, year, setting and language (privacy rules 5 and 15):
/// with a country and a year, a story in a language few stories from there are written in is as
/// easy to pick out as one from a small place.
/// </summary>
public sealed record DraftReview(StoryDraft Draft, StoryFindings Findings, bool SmallGroup, int BackupRetentionDays)
{
    public static async Task<DraftReview> ForAsync(AppDbContext db, StoryDraft draft, StoryFindings findings, PrivacyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(options);
        var content = draft.ToContent();
        var smallGroup = false;
        if (content.CountryCode is { } country && content.Year is { } year)
        {
            var settings = content.Settings.ToList();
            var language = content.Language;
            var query = db.Stories.Where(s => s.Status == StoryStatus.Published && s.CountryCode == country && s.Year == year && s.Language == language);
            if (settings.Count > 0)
            {
                query = query.Where(s => s.Tags.Any(t => t.Kind == TaxonomyKind.Setting && settings.Contains(t.Key)));
            }

            // Counted up to the threshold only; the order is the key's, so the limit is well defined (never shown).
            var groups = options.SmallGroups;
            smallGroup = groups.IsSmall(await query.OrderBy(s => s.Id).Take(groups.Threshold).CountAsync(cancellationToken));
        }

        return new DraftReview(draft, findings, smallGroup, options.BackupRetentionDays);
    }
}
