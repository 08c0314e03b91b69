namespace MeToo.Web.Domain;

public enum TaxonomyKind
{
    Setting = 1,
    Experience = 2,
    ContentWarning = 3,
}
