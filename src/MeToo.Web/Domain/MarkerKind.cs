using MeToo.Web.Privacy;

namespace MeToo.Web.Domain;

/// <summary>
/// Why a story needs a moderator's attention (docs/moderation.md). Markers order and explain;
/// they never publish or reject on their own. Stored by name, never by number.
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

public static class MarkerKinds
{
    /// <summary>The marker a kind of identifying detail raises.</summary>
    public static MarkerKind For(DetailKind kind) => kind switch
    {
        DetailKind.Email => MarkerKind.Email,
        DetailKind.Phone => MarkerKind.Phone,
        DetailKind.Link => MarkerKind.Link,
        DetailKind.Handle => MarkerKind.Handle,
        DetailKind.FullName => MarkerKind.FullName,
        DetailKind.Date => MarkerKind.Date,
        DetailKind.Postcode => MarkerKind.Postcode,
        DetailKind.Place => MarkerKind.Place,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of identifying detail."),
    };

    /// <summary>The kind of identifying detail behind a marker, or null for the other markers.</summary>
    public static DetailKind? DetailOf(MarkerKind kind) => kind switch
    {
        MarkerKind.Email => DetailKind.Email,
        MarkerKind.Phone => DetailKind.Phone,
        MarkerKind.Link => DetailKind.Link,
        MarkerKind.Handle => DetailKind.Handle,
        MarkerKind.FullName => DetailKind.FullName,
        MarkerKind.Date => DetailKind.Date,
        MarkerKind.Postcode => DetailKind.Postcode,
        MarkerKind.Place => DetailKind.Place,
        _ => null,
    };

    /// <summary>The marker a screening list raises.</summary>
    public static MarkerKind For(WordList list) => list == WordList.Banned ? MarkerKind.BannedWord : MarkerKind.SuspectWord;
}
