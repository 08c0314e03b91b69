using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace MeToo.BrowserTests;

public static class PageExtensions
{
    private static readonly TimeSpan UrlTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Waits for the page to reach <paramref name="glob"/> (<c>**</c> any characters, <c>*</c> any but
    /// <c>/</c>), then for its document to be ready. It watches the address itself rather than waiting
    /// for a navigation event, because a navigation started by a key press or <c>location.replace</c>
    /// can finish before such a wait begins (seen once in CI: the page at the address, the wait still
    /// waiting). When the page never gets there, the failure says where it is and what it shows.
    /// </summary>
    public static async Task WaitForUrlOrExplainAsync(this IPage page, string glob)
    {
        ArgumentNullException.ThrowIfNull(page);
        var pattern = GlobToRegex(glob);
        var clock = Stopwatch.StartNew();
        while (!pattern.IsMatch(page.Url) || !await IsReadyAsync(page))
        {
            if (clock.Elapsed > UrlTimeout)
            {
                throw new TimeoutException($"Waited for {glob}, but the page is at {page.Url} showing: {await ShownAsync(page)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Whether the document at the address is parsed, asked of the document itself: waiting for its
    /// load event instead hung once in CI after a sign-in redirect (the address there, the event
    /// never seen by the wait). While the document is being replaced the question fails; ask again.
    /// </summary>
    private static async Task<bool> IsReadyAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<string>("document.readyState").WaitAsync(TimeSpan.FromSeconds(5)) != "loading";
        }
        catch (Exception exception) when (exception is PlaywrightException or TimeoutException)
        {
            return false;
        }
    }

    private static Regex GlobToRegex(string glob)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
            }
            else if (glob[i] == '*')
            {
                regex.Append("[^/]*");
            }
            else
            {
                regex.Append(Regex.Escape(glob[i].ToString()));
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    private static async Task<string> ShownAsync(IPage page)
    {
        try
        {
            var shown = (await page.Locator("main").First.InnerTextAsync(new LocatorInnerTextOptions { Timeout = 5_000 })).ReplaceLineEndings(" ");
            return shown[..Math.Min(shown.Length, 400)];
        }
        catch (PlaywrightException)
        {
            return "(the page shows nothing readable)";
        }
    }
}
