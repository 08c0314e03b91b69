using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

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

    /// <summary>
    /// Decision 0024: a page served from a cache made before the reader's tap (here: another instance,
    /// or a list) shows the count the reader saw after tapping, never a lower one; a higher count wins.
    /// </summary>
    [Fact]
    public async Task APageCachedBeforeTheTap_ShowsTheCountTheReaderSaw()
    {
        host.RequireBrowser();
        var publicId = await host.PublishedStoryAsync(BrowserJourney.Body("A story whose count must not fall."));
        var page = await host.NewPageAsync();
        await page.GotoAsync($"/stories/{publicId}");
        Assert.Equal("0", await page.GetAttributeAsync("#support .support-count", "data-count"));

        await page.EvaluateAsync($"localStorage.setItem('metoo.supportSeen', JSON.stringify({{ '{publicId}': {{ count: 23, text: '23 people stand with them' }} }}))");
        await page.ReloadAsync();
        Assert.Equal("23 people stand with them", (await page.TextContentAsync("#support .support-count"))!.Trim());

        await page.EvaluateAsync($"localStorage.setItem('metoo.supportSeen', JSON.stringify({{ '{publicId}': {{ count: 0, text: 'stale' }} }}))");
        await page.ReloadAsync();
        Assert.DoesNotContain("stale", await page.TextContentAsync("#support .support-count") ?? string.Empty, StringComparison.Ordinal);

        await page.ClickAsync("#support form.support-form button");
        await page.WaitForFunctionAsync("() => document.querySelector('#support .support-count').textContent.startsWith('1 ')");
        Assert.Contains("\"count\":1", await page.EvaluateAsync<string>("localStorage.getItem('metoo.supportSeen')"), StringComparison.Ordinal);
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
        await page.WaitForUrlOrExplainAsync("**/about?left=en");
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
        await page.WaitForUrlOrExplainAsync("**/about?left=en");
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
    [InlineData("/es/translation?page=/es/stories")]
    public async Task PublicPages_HaveNoAxeViolations(string path)
    {
        host.RequireBrowser();
        var publicId = await host.AccessibilityStoryAsync();
        var page = await host.NewPageAsync();
        await page.GotoAsync(path == "story" ? $"/stories/{publicId}" : path);

        var results = await page.RunAxe();

        Assert.True(results.Violations.Length == 0, string.Join("\n", results.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }

    [Theory]
    [InlineData("/es")]
    [InlineData("/es/stories")]
    [InlineData("/es/story")]
    [InlineData("/es/share")]
    [InlineData("/es/stats")]
    [InlineData("/es/help")]
    [InlineData("/fr")]
    [InlineData("/fr/stories")]
    [InlineData("/fr/story")]
    [InlineData("/fr/share")]
    [InlineData("/fr/my-story")]
    [InlineData("/fr/privacy")]
    public async Task PublicPages_InSpanishAndFrench_HaveNoAxeViolations(string path)
    {
        host.RequireBrowser();
        var publicId = await host.AccessibilityStoryAsync();
        var page = await host.NewPageAsync();
        await page.GotoAsync(path.EndsWith("/story", StringComparison.Ordinal) ? $"{path[..3]}/stories/{publicId}" : path);
        Assert.Equal(path[1..3], await page.EvaluateAsync<string>("document.documentElement.lang"));

        var results = await page.RunAxe();

        Assert.True(results.Violations.Length == 0, string.Join("\n", results.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }

    [Fact]
    public async Task ABrowserThatPrefersSpanish_IsOfferedTheSpanishPage_NeverSentToIt()
    {
        host.RequireBrowser();
        var page = await host.NewPageAsync(locale: "es-MX");
        await page.GotoAsync("/stories?sort=supported");

        // The page itself stays English (the server never reads Accept-Language); the script offers Spanish, in Spanish.
        Assert.Equal("en", await page.EvaluateAsync<string>("document.documentElement.lang"));
        var suggestion = page.Locator("p.language-suggestion");
        await Assertions.Expect(suggestion).ToHaveAttributeAsync("lang", "es");
        await Assertions.Expect(suggestion.Locator("a")).ToHaveTextAsync("Esta página también está en español.");
        await Assertions.Expect(suggestion.Locator("a")).ToHaveAttributeAsync("href", "/es/stories?sort=supported");

        // Dismissed, it stays away on this device; followed, the page is Spanish and suggests nothing.
        await suggestion.Locator("button").ClickAsync();
        await Assertions.Expect(suggestion).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("p.language-suggestion")).ToHaveCountAsync(0);

        var other = await host.NewPageAsync(locale: "es-ES");
        await other.GotoAsync("/");
        await other.Locator("p.language-suggestion a").ClickAsync();
        await Assertions.Expect(other.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Assertions.Expect(other.Locator("p.language-suggestion")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ADraft_KeepsEveryWord_WhenTheAuthorChangesLanguage()
    {
        host.RequireBrowser();
        var page = await host.NewPageAsync();
        await page.GotoAsync("/share");
        var body = BrowserJourney.Body("A draft that must survive a change of language.");
        await page.FillAsync("#Draft_Body", body);
        await page.ClickAsync("nav.language-picker button[lang='fr']");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Assertions.Expect(page.Locator("#Draft_Body")).ToHaveValueAsync(body);
        Assert.EndsWith("/fr/share?handler=Language", page.Url, StringComparison.Ordinal);
    }
}
