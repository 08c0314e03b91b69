namespace MeToo.Web.Domain;

/// <summary>
/// Why a story needs a moderator's attention (DESIGN.md section 4). Markers order and explain;
/// they never publish or reject on their own. The first eight mirror <c>Privacy.DetailKind</c>.
/// </summary>
public enum MarkerKind
{
    Email = 1,
    Phone = 2,
    Link = 3,
    Handle = 4,
    FullName = 5,
    Date = 6,
    Postcode = 7,
    Place = 8,
    BannedWord = 20,
    SuspectWord = 21,
    DuplicateText = 22,
    VeryShort = 23,
    Reported = 24,
}
