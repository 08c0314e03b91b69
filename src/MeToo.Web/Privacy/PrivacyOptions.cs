namespace MeToo.Web.Privacy;

public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// Fewer published stories than this sharing a country, a year and a setting, and the preview
    /// warns that the combination could single the author out (DESIGN.md rule 15).
    /// </summary>
    public int SmallGroupThreshold { get; set; } = 10;

    /// <summary>How long backups are kept, as told to authors before they share.</summary>
    public int BackupRetentionDays { get; set; } = 30;
}
