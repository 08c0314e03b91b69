using DetailKind = MeToo.Web.Privacy.DetailKind;

namespace MeToo.Web.Domain;

/// <summary>
/// Why a story needs a moderator's attention (DESIGN.md section 4). Markers order and explain;
/// they never publish or reject on their own. The first eight are the kinds of identifying detail.
/// </summary>
public enum MarkerKind
{
    Email = DetailKind.Email,
    Phone = DetailKind.Phone,
    Link = DetailKind.Link,
    Handle = DetailKind.Handle,
    FullName = DetailKind.FullName,
    Date = DetailKind.Date,
    Postcode = DetailKind.Postcode,
    Place = DetailKind.Place,
    BannedWord = 20,
    SuspectWord = 21,
    DuplicateText = 22,
    VeryShort = 23,
    Reported = 24,
}
