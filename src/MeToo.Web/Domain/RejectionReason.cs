namespace MeToo.Web.Domain;

public enum RejectionReason
{
    NotATestimony = 1,
    IdentifiesSomeone = 2,
    HatefulOrAbusive = 3,
    Spam = 4,
    Duplicate = 5,
    Other = 6,
}
