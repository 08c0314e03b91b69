using System.Globalization;
using System.Text.RegularExpressions;
using MeToo.Tests.Harness;

namespace MeToo.Tests.Pages;

/// <summary>
/// Right to left prepared before any such language is offered (issue 14): a site configured with a
/// right-to-left language and no translation for it yet (Hebrew here, standing in for a pseudo-RTL
/// culture: every text falls back to English, the direction is the culture's) sets <c>dir</c>,
/// mirrors its charts, and its stylesheet has nothing that would stay on the left.
/// </summary>
public sealed partial class RightToLeftTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory()
        .With("Languages:Offered:0", "en").With("Languages:Offered:1", "es").With("Languages:Offered:2", "fr").With("Languages:Offered:3", "he");

    public void Dispose() => _app.Dispose();

    private static double FirstX(AngleSharp.Dom.IElement chart) =>
        double.Parse(chart.QuerySelectorAll("rect.bar")[0].GetAttribute("x")!, CultureInfo.InvariantCulture);

    private static double LastX(AngleSharp.Dom.IElement chart) =>
        double.Parse(chart.QuerySelectorAll("rect.bar")[^1].GetAttribute("x")!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task ARightToLeftLanguage_SetsTheDirection_AndMirrorsTheCharts()
    {
        var rtl = await Html.GetAsync(_app.CreateClient(), "/he/stats");
        var ltr = await Html.GetAsync(_app.CreateClient(), "/stats");

        Assert.Equal("rtl", rtl.DocumentElement.GetAttribute("dir"));
        Assert.Equal("he", rtl.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", ltr.DocumentElement.GetAttribute("dir"));
        var mirrored = rtl.QuerySelector("#trend-metoo")!;
        var plain = ltr.QuerySelector("#trend-metoo")!;
        Assert.True(FirstX(plain) < LastX(plain), "left to right, the oldest bar is on the left");
        Assert.True(FirstX(mirrored) > LastX(mirrored), "right to left, the oldest bar is on the right");
        Assert.Equal(FirstX(plain), LastX(mirrored));
        // The numbers table keeps its reading order: the browser lays it out right to left by itself.
        Assert.Equal(
            plain.QuerySelectorAll("tbody th").Select(th => th.TextContent).ToList(),
            mirrored.QuerySelectorAll("tbody th").Select(th => th.TextContent).ToList());
        Assert.NotNull(rtl.QuerySelector("a.quick-exit"));
        Assert.NotNull(rtl.QuerySelector("nav.language-picker a[lang='en']"));
    }

    [GeneratedRegex(@"(margin|padding|border)-(left|right)|(^|[\s;{])(left|right)\s*:|text-align\s*:\s*(left|right)|float\s*:\s*(left|right)|border-(top|bottom)-(left|right)-radius", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex PhysicalDirection();

    [Fact]
    public void TheStylesheets_UseLogicalProperties_SoTheQuickExitAndEveryMarginMirror()
    {
        var folder = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(folder, "MeToo.sln")))
        {
            folder = Path.GetDirectoryName(folder.TrimEnd(Path.DirectorySeparatorChar))!;
        }

        var sheets = Directory.EnumerateFiles(Path.Combine(folder, "src", "MeToo.Web", "wwwroot", "css"), "*.css").ToList();
        Assert.NotEmpty(sheets);
        var physical = sheets.SelectMany(f => PhysicalDirection().Matches(File.ReadAllText(f)).Select(m => $"{Path.GetFileName(f)}: {m.Value.Trim()}")).ToList();
        Assert.True(physical.Count == 0, "Physical directions in the stylesheets (use margin-inline-start, inset-inline-end…):\n" + string.Join('\n', physical));
        Assert.Contains("margin-inline-start: auto", File.ReadAllText(sheets.Single(f => f.EndsWith("site.css", StringComparison.Ordinal))), StringComparison.Ordinal); // the quick-exit button's side
    }
}
