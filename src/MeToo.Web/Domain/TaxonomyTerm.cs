namespace MeToo.Web.Domain;

/// <summary>
/// A stable key of the taxonomy (a setting, an experience or a content warning), loaded from
/// <c>seeds/taxonomy.json</c>. Labels live in resource files so translations need no data migration.
/// </summary>
public sealed class TaxonomyTerm
{
    public TaxonomyTerm(TaxonomyKind kind, string key, int position)
    {
        Kind = kind;
        Key = key;
        Position = position;
    }

    public TaxonomyKind Kind { get; private set; }

    public string Key { get; private set; }

    public int Position { get; set; }

    public bool IsRetired { get; set; }
}
