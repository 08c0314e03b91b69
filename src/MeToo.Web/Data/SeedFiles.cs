namespace MeToo.Web.Data;

/// <summary>
/// The seed files that ship next to the app (copied from <c>seeds/</c> at build): read relative to
/// the app itself, never to the working folder, so the app finds them however it is started.
/// </summary>
public static class SeedFiles
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "seeds");

    public static string Taxonomy => Path.Combine(Folder, "taxonomy.json");

    public static string Countries => Path.Combine(Folder, "countries.json");

    public static string ScreeningWords => Path.Combine(Folder, "screening-words.json");

    public static string HelpLines => Path.Combine(Folder, "helplines.json");
}
