namespace MeToo.Web.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply migrations at start-up. Operators who migrate by hand turn this off.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seed demo stories on an empty database (Development only).</summary>
    public bool SeedDemoData { get; set; }
}
