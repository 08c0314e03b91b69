using Microsoft.Playwright;

namespace MeToo.BrowserTests;

public static class PageExtensions
{
    /// <summary>
    /// Waits for the page to reach <paramref name="glob"/>; when it does not, the failure says where
    /// the page is and what it shows, so a rare failure on a shared CI machine can be understood.
    /// </summary>
    public static async Task WaitForUrlOrExplainAsync(this IPage page, string glob)
    {
        ArgumentNullException.ThrowIfNull(page);
        try
        {
            await page.WaitForURLAsync(glob);
        }
        catch (TimeoutException timeout)
        {
            string shown;
            try
            {
                shown = (await page.Locator("main").First.InnerTextAsync(new LocatorInnerTextOptions { Timeout = 5_000 })).ReplaceLineEndings(" ");
            }
            catch (PlaywrightException)
            {
                shown = "(the page shows nothing readable)";
            }

            throw new TimeoutException($"Waited for {glob}, but the page is at {page.Url} showing: {shown[..Math.Min(shown.Length, 400)]}", timeout);
        }
    }
}
