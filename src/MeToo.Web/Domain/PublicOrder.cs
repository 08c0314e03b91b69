using MeToo.Web.Privacy;

namespace MeToo.Web.Domain;

/// <summary>
/// Where a published story stands in every public list — browse, search, the feed, the home page:
/// newest publication day first, and within a day by its random public id, so the order says
/// nothing about when stories were submitted (privacy rule 3). One 63-bit integer: the day
/// (counted from 2000-01-01) in the top 18 bits, the first nine symbols of the public id (45 bits)
/// below. It is the search index's row id, so "newest first" is the index's own order and a search
/// stops after one page; and it is the browse cursor.
/// </summary>
public static class PublicOrder
{
    public static readonly DateOnly Epoch = new(2000, 1, 1);

    private const int IdBits = 45;
    private const int IdSymbols = IdBits / 5;

    public static long Of(DateOnly publishedOn, string publicId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicId);
        var day = Math.Clamp(publishedOn.DayNumber - Epoch.DayNumber, 0, (1 << 17) - 1);
        long id = 0;
        foreach (var symbol in publicId.AsSpan(0, Math.Min(IdSymbols, publicId.Length)))
        {
            var value = CrockfordBase32.Alphabet.IndexOf(char.ToUpperInvariant(symbol), StringComparison.Ordinal);
            id = (id << 5) | (long)Math.Max(value, 0);
        }

        return ((long)day << IdBits) | id;
    }

    /// <summary>The day a position was published on (for cursors and tests).</summary>
    public static DateOnly DayOf(long position) => DateOnly.FromDayNumber(Epoch.DayNumber + (int)(position >> IdBits));

    /// <summary>The same computation as <see cref="Of"/>, in SQLite, for rows stored before it existed.</summary>
    public const string SqliteExpression = """
        ((MAX(CAST(julianday(PublishedOn) - julianday('2000-01-01') AS INTEGER), 0) << 45)
         + ((instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 1, 1)) - 1) << 40)
         + ((instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 2, 1)) - 1) << 35)
         + ((instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 3, 1)) - 1) << 30)
         + ((instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 4, 1)) - 1) << 25)
         + ((instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 5, 1)) - 1) << 20)
         + ((instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 6, 1)) - 1) << 15)
         + ((instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 7, 1)) - 1) << 10)
         + ((instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 8, 1)) - 1) << 5)
         + (instr('0123456789abcdefghjkmnpqrstvwxyz', substr(PublicId, 9, 1)) - 1))
        """;
}
