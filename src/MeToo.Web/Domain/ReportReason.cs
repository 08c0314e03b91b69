namespace MeToo.Web.Domain;

/// <summary>Why a reader reported a story. "I wrote this" is for an author who lost the receipt.</summary>
public enum ReportReason
{
    IdentifiesSomeone = 1,
    HatefulOrAbusive = 2,
    NotATestimony = 3,
    Spam = 4,
    AuthorTakedown = 5,
    Other = 6,
}
