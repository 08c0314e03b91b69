namespace MeToo.Web.Domain;

/// <summary>The one row naming the snapshot readers page through.</summary>
public sealed class SupportRankSnapshot
{
    public int Id { get; set; }

    public int Generation { get; set; }
}
