namespace MeToo.Web.Domain;

/// <summary>One taxonomy key attached to a story: a setting, an experience or a content warning.</summary>
public sealed class StoryTag
{
    public StoryTag(TaxonomyKind kind, string key)
    {
        Kind = kind;
        Key = key;
    }

    public long StoryId { get; private set; }

    public TaxonomyKind Kind { get; private set; }

    public string Key { get; private set; }
}
