using System.Globalization;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Web.Pages.Moderation;

/// <summary>
/// The staff audit log, newest first, filterable by who, what, story and day; paged by id. It holds
/// staff events only: never story text, notes, codes or addresses, nothing authors did.
/// </summary>
public sealed class AuditModel(AppDbContext db) : PageModel
{
    public const int PageSize = 100;

    public IReadOnlyList<StaffAuditEntry> Entries { get; private set; } = [];

    public string? Actor { get; private set; }

    public string? Action { get; private set; }

    public string? Story { get; private set; }

    public DateOnly? From { get; private set; }

    public DateOnly? To { get; private set; }

    public long? NextCursor { get; private set; }

    public IReadOnlyList<string> Actions => StaffActions.All;

    public async Task OnGetAsync(string? actor, string? action, string? story, string? from, string? to, long? before, CancellationToken cancellationToken)
    {
        Actor = string.IsNullOrWhiteSpace(actor) ? null : actor.Trim();
        Action = StaffActions.All.Contains(action) ? action : null;
        Story = string.IsNullOrWhiteSpace(story) ? null : story.Trim().ToLowerInvariant();
        From = DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var f) ? f : null;
        To = DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

        var query = db.StaffAudit.AsNoTracking();
        if (Actor is not null)
        {
            query = query.Where(e => e.Actor == Actor);
        }

        if (Action is not null)
        {
            query = query.Where(e => e.Action == Action);
        }

        if (Story is not null)
        {
            query = query.Where(e => e.StoryPublicId == Story);
        }

        if (From is { } start)
        {
            var since = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.AtUtc >= since);
        }

        if (To is { } end)
        {
            var until = end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.AtUtc < until);
        }

        if (before is { } cursor)
        {
            query = query.Where(e => e.Id < cursor);
        }

        var page = await query.OrderByDescending(e => e.Id).Take(PageSize + 1).ToListAsync(cancellationToken);
        Entries = [.. page.Take(PageSize)];
        NextCursor = page.Count > PageSize ? Entries[^1].Id : null;
    }

    public string NextPageUrl() =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["actor"] = Actor,
            ["action"] = Action,
            ["story"] = Story,
            ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["before"] = NextCursor?.ToString(CultureInfo.InvariantCulture),
        }.Where(p => p.Value is not null)).ToUriComponent();
}
