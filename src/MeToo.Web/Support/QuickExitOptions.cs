namespace MeToo.Web.Support;

/// <summary>Where "Leave this site" goes: a neutral page (configurable; a weather page by default).</summary>
public sealed class QuickExitOptions
{
    public const string Section = "QuickExit";

    public string Url { get; set; } = "https://www.bbc.co.uk/weather";
}
