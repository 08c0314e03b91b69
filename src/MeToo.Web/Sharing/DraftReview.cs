using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Sharing;

/// <summary>
/// What the preview tells an author before they send: identifying details found in their own
/// words (found once, with the same findings the moderators' markers come from), and whether few
/// published stories share their country, year and setting (privacy rules 5 and 15).
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
            var query = db.Stories.Where(s => s.Status == StoryStatus.Published && s.CountryCode == country && s.Year == year);
            if (settings.Count > 0)
            {
                query = query.Where(s => s.Tags.Any(t => t.Kind == TaxonomyKind.Setting && settings.Contains(t.Key)));
            }

            smallGroup = await query.Take(options.SmallGroupThreshold).CountAsync(cancellationToken) < options.SmallGroupThreshold;
        }

        return new DraftReview(draft, findings, smallGroup, options.BackupRetentionDays);
    }
}
