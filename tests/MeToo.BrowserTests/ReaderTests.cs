using Deque.AxeCore.Playwright;

namespace MeToo.BrowserTests;

/// <summary>The reader's journey with JavaScript on, in a real browser.</summary>
public sealed class ReaderTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task SupportWithJavaScript_UpdatesTheCountWithoutAReload_AndTheBrowserRemembersIt()
    {
        host.RequireBrowser();
        var publicId = await host.PublishedStoryAsync(BrowserJourney.Body("A story readers stand with."));
        var page = await host.NewPageAsync();
        await page.GotoAsync($"/stories/{publicId}");
        await page.EvaluateAsync("window.__sameDocument = true");

        await page.ClickAsync("#support form.support-form button");
        await page.WaitForFunctionAsync("() => document.querySelector('#support .support-count').textContent.startsWith('1 ')");

        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true")); // no reload
        Assert.Equal("polite", await page.GetAttributeAsync("#support .support-count", "aria-live"));
        await page.ReloadAsync();
        Assert.Equal("true", await page.GetAttributeAsync("#support form.support-form button", "aria-pressed"));
        Assert.Contains("You stand with them", await page.TextContentAsync("#support form.support-form button") ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PressingShiftThreeTimes_LeavesWithoutABackWayIn_AndForgetsTheDevice()
    {
        host.RequireBrowser();
        var page = await host.NewPageAsync();
        await page.GotoAsync("/guidelines");
        await page.GotoAsync("/stories");
        await page.EvaluateAsync("localStorage.setItem('metoo.supported', '[\"x\"]')");

        await page.Keyboard.PressAsync("Shift+A"); // Shift as a modifier does not count
        await page.Keyboard.PressAsync("Shift");
        await page.Keyboard.PressAsync("Shift");
        Assert.EndsWith("/stories", page.Url, StringComparison.Ordinal);
        await page.Keyboard.PressAsync("Shift");
        await page.WaitForUrlOrExplainAsync("**/about?left=1");
        Assert.Null(await page.EvaluateAsync<string?>("localStorage.getItem('metoo.supported')"));

        await page.GoBackAsync();
        Assert.EndsWith("/guidelines", page.Url, StringComparison.Ordinal); // /stories was replaced in history
    }

    [Fact]
    public async Task TheQuickExitButton_Leaves()
    {
        host.RequireBrowser();
        var page = await host.NewPageAsync();
        await page.GotoAsync("/help");

        await page.ClickAsync("a#quick-exit");
        await page.WaitForUrlOrExplainAsync("**/about?left=1");
    }

    [Fact]
    public async Task AReader_ChoosesTopicsToAlwaysFold_AndTheOthersOpen()
    {
        host.RequireBrowser();
        var violent = await host.PublishedStoryAsync(BrowserJourney.Body("A story with a violence warning."), ["physical-violence"]);
        var graphic = await host.PublishedStoryAsync(BrowserJourney.Body("A story with a graphic warning."), ["graphic-detail"]);
        var page = await host.NewPageAsync();
        await page.GotoAsync("/stories");
        Assert.False(await page.EvaluateAsync<bool>($"document.querySelector('#story-{violent}').closest('article').querySelector('details').open"));

        await page.ClickAsync("#cw-preferences summary");
        await page.CheckAsync("#cw-preferences input[value=physical-violence]");
        await page.CheckAsync("#cw-open-others");
        await page.ReloadAsync();

        Assert.False(await page.EvaluateAsync<bool>($"document.querySelector('#story-{violent}').closest('article').querySelector('details').open"));
        Assert.True(await page.EvaluateAsync<bool>($"document.querySelector('#story-{graphic}').closest('article').querySelector('details').open"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/stories")]
    [InlineData("story")]
    [InlineData("/share")]
    [InlineData("/my-story")]
    [InlineData("/stats")]
    [InlineData("/help")]
    [InlineData("/safety")]
    [InlineData("/guidelines")]
    [InlineData("/privacy")]
    [InlineData("/about")]
    public async Task PublicPages_HaveNoAxeViolations(string path)
    {
        host.RequireBrowser();
        var publicId = await host.PublishedStoryAsync(BrowserJourney.Body("A story for the accessibility check."), ["graphic-detail"]);
        var page = await host.NewPageAsync();
        await page.GotoAsync(path == "story" ? $"/stories/{publicId}" : path);

        var results = await page.RunAxe();

        Assert.True(results.Violations.Length == 0, string.Join("\n", results.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }
}
