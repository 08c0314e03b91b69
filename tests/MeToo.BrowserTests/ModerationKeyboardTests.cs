using Deque.AxeCore.Playwright;
using MeToo.Web.Domain;
using Microsoft.Playwright;

namespace MeToo.BrowserTests;

/// <summary>Shared steps of the browser journeys.</summary>
public static class BrowserJourney
{
    public static string Body(string words) =>
        $"{words} It happened at work and I kept quiet for years; now I am writing it down here. {Guid.NewGuid():N}";

    public static async Task ShareAsync(BrowserHost host, string body)
    {
        ArgumentNullException.ThrowIfNull(host);
        var page = await host.NewPageAsync();
        await page.GotoAsync("/share");
        await page.FillAsync("form#share-form textarea", body);
        await page.ClickAsync("form#share-form button[type=submit]");
        await page.WaitForSelectorAsync("form#share-form button:not(.secondary)");
        await page.ClickAsync("form#share-form button:not(.secondary)");
        await page.WaitForSelectorAsync("#receipt-code");
        await page.Context.CloseAsync();
    }
}

/// <summary>A moderator runs the queue with the keyboard, in a real browser (docs/moderation.md).</summary>
public sealed class KeyboardApprovalTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task AModerator_RevealsAndApprovesWithTheKeyboardAlone()
    {
        host.RequireBrowser();
        var body = BrowserJourney.Body("Keyboard-approved story.");
        await BrowserJourney.ShareAsync(host, body);
        var name = "kbd-" + Guid.NewGuid().ToString("N")[..6];
        await host.CreateStaffAsync(name, StaffRoles.Moderator);
        var page = await host.NewPageAsync();
        await host.SignInAsync(page, name);

        await page.GotoAsync("/moderation");
        await page.Keyboard.PressAsync("j");
        Assert.Equal("review-link", await page.EvaluateAsync<string>("document.activeElement.className"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForUrlOrExplainAsync("**/moderation/review/**");

        var text = page.Locator(".under-review");
        Assert.NotEqual("none", await text.EvaluateAsync<string>("e => getComputedStyle(e).filter"));
        await page.Keyboard.PressAsync("v");
        Assert.True(await page.IsCheckedAsync("#reveal-text"));
        await page.WaitForFunctionAsync("() => getComputedStyle(document.querySelector('.under-review')).filter === 'none'");

        await page.Keyboard.PressAsync("a");
        Assert.Equal("approve-confirm", await page.EvaluateAsync<string>("document.activeElement.id"));
        Assert.Contains("/moderation/review/", page.Url, StringComparison.Ordinal); // "a" alone published nothing
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForUrlOrExplainAsync("**/moderation?done=1");

        await page.GotoAsync("/stories");
        Assert.True(await page.Locator("article.story", new PageLocatorOptions { HasTextString = "Keyboard-approved story." }).CountAsync() > 0);
    }
}

/// <summary>Shortcuts respect typing and can be switched off (WCAG 2.1.4).</summary>
public sealed class ShortcutSafetyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task Shortcuts_NeverFireInsideATextField_AndCanBeSwitchedOff()
    {
        host.RequireBrowser();
        var first = BrowserJourney.Body("First story in the queue for the typing check.");
        await BrowserJourney.ShareAsync(host, first);
        await BrowserJourney.ShareAsync(host, BrowserJourney.Body("Second story in the queue for the typing check."));
        var name = "kbd-" + Guid.NewGuid().ToString("N")[..6];
        await host.CreateStaffAsync(name, StaffRoles.Moderator);
        var page = await host.NewPageAsync();
        await host.SignInAsync(page, name);
        await page.GotoAsync("/moderation");
        await page.ClickAsync(".queue-item a.review-link");
        await page.WaitForUrlOrExplainAsync("**/moderation/review/**");
        var url = page.Url;

        await page.FocusAsync("#request-changes-form textarea");
        await page.Keyboard.TypeAsync("just a quick note: j k v a x");
        Assert.Equal(url, page.Url);
        Assert.False(await page.IsCheckedAsync("#reveal-text"));
        Assert.Equal("just a quick note: j k v a x", await page.InputValueAsync("#request-changes-form textarea"));

        await page.Keyboard.PressAsync("Shift+Tab");
        await page.EvaluateAsync("document.activeElement.blur()");
        await page.Keyboard.PressAsync("?");
        Assert.True(await page.EvaluateAsync<bool>("document.getElementById('shortcut-help').open"));
        await page.UncheckAsync("#shortcuts-enabled");
        await page.EvaluateAsync("document.activeElement.blur()");
        await page.Keyboard.PressAsync("v");
        Assert.False(await page.IsCheckedAsync("#reveal-text"));

        await page.ReloadAsync();
        await page.Keyboard.PressAsync("v");
        Assert.False(await page.IsCheckedAsync("#reveal-text")); // the choice is remembered on this device
    }
}

/// <summary>Staff pages pass axe in a real browser.</summary>
public sealed class StaffPageAccessibilityTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Theory]
    [InlineData("/moderation")]
    [InlineData("review")]
    [InlineData("/moderation/reports")]
    [InlineData("/moderation/audit")]
    [InlineData("/admin")]
    [InlineData("/admin/moderators")]
    [InlineData("/admin/settings")]
    [InlineData("/account/twofactor")]
    public async Task StaffPages_HaveNoAxeViolations(string path)
    {
        host.RequireBrowser();
        var body = BrowserJourney.Body("A story for the accessibility check.");
        await BrowserJourney.ShareAsync(host, body);
        var name = "axe-" + Guid.NewGuid().ToString("N")[..6];
        await host.CreateStaffAsync(name, StaffRoles.Admin);
        var page = await host.NewPageAsync();
        await host.SignInAsync(page, name);

        if (path == "review")
        {
            await page.GotoAsync("/moderation");
            await page.ClickAsync(".queue-item a.review-link");
            await page.WaitForUrlOrExplainAsync("**/moderation/review/**");
        }
        else
        {
            await page.GotoAsync(path);
        }

        var results = await page.RunAxe();

        Assert.True(results.Violations.Length == 0, string.Join("\n", results.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
    }
}
