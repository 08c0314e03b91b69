using MeToo.Web.Domain;
using Microsoft.AspNetCore.Hosting;

namespace MeToo.BrowserTests;

/// <summary>
/// The trust journeys in a real browser: sharing anonymously and reading the receipt with
/// JavaScript on and off, and stories full of script that execute nothing — on public pages and on
/// the moderator's, where a dialog handler fails the test.
/// </summary>
public sealed class TrustTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnAuthor_SharesAnonymously_AndKeepsTheReceipt(bool javaScript)
    {
        host.RequireBrowser();
        var page = await host.NewPageAsync(javaScript);
        var body = BrowserJourney.Body("Shared with JavaScript " + (javaScript ? "on." : "off."));

        await page.GotoAsync("/share");
        Assert.True(await page.IsCheckedAsync("input[name='Draft.Anonymous'][value=true]")); // anonymous by default
        await page.FillAsync("form#share-form textarea", body);
        await page.ClickAsync("form#share-form button[type=submit]");
        await page.WaitForSelectorAsync("form#share-form button:not(.secondary)");
        Assert.Contains("Nothing has been sent yet", await page.TextContentAsync("main") ?? string.Empty, StringComparison.Ordinal);
        await page.ClickAsync("form#share-form button:not(.secondary)");
        var receipt = (await page.TextContentAsync("#receipt-code"))!.Trim();
        await page.FillAsync("#LastGroup", receipt[^4..]);
        await page.ClickAsync("form#confirm-saved-form button[type=submit]");
        await page.WaitForSelectorAsync("text=All done. Thank you for sharing.");

        Assert.Matches("^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$", receipt);
        Assert.DoesNotContain(receipt.Replace("-", string.Empty, StringComparison.Ordinal), page.Url.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        var cookies = await page.Context.CookiesAsync([host.BaseAddress.ToString()]);
        Assert.All(cookies, c => Assert.Equal("metoo-af", c.Name)); // only the anti-forgery cookie of the form, nothing that identifies
    }

    [Fact]
    public async Task WithJavaScript_TheReceiptCanBeCopied_AndLeavingThePageWarnsFirst()
    {
        host.RequireBrowser();
        var page = await host.NewPageAsync();
        await page.GotoAsync("/share");
        await page.FillAsync("form#share-form textarea", BrowserJourney.Body("A story whose receipt is copied."));
        await page.ClickAsync("form#share-form button[type=submit]");
        await page.WaitForSelectorAsync("form#share-form button:not(.secondary)");
        await page.ClickAsync("form#share-form button:not(.secondary)");
        await page.WaitForSelectorAsync("#receipt-code");

        Assert.True(await page.IsVisibleAsync("button[data-copy-target=receipt-code]"));
    }

    [Fact]
    public async Task StoriesFullOfScript_ExecuteNothing_OnPublicPages_OrTheModeratorsReview()
    {
        host.RequireBrowser();
        string[] payloads =
        [
            "<script>alert('story')</script>",
            "<img src=x onerror=\"alert('img')\">",
            "\"><svg onload=alert('svg')>",
            "javascript:alert('link')",
            "</textarea><script>alert('textarea')</script>",
            "<iframe srcdoc=\"<script>parent.alert('frame')</script>\"></iframe>",
            "{{constructor.constructor('alert(1)')()}}",
        ];
        var body = "It happened at work, and here is what they wrote to me: " + string.Join(' ', payloads);
        var publicId = await host.PublishedStoryAsync(body, title: "<script>alert('title')</script>", name: "<img src=y onerror=alert('name')>");
        var pendingId = await host.PublishedStoryAsync(body, publish: false);
        var name = "xss-" + Guid.NewGuid().ToString("N")[..6];
        await host.CreateStaffAsync(name, StaffRoles.Moderator);

        var reader = await host.NewPageAsync();
        var moderator = await host.NewPageAsync();
        var dialogs = new List<string>();
        foreach (var page in new[] { reader, moderator })
        {
            page.Dialog += async (_, dialog) =>
            {
                dialogs.Add(dialog.Message);
                await dialog.DismissAsync();
            };
        }

        await reader.GotoAsync($"/stories/{publicId}");
        await reader.GotoAsync("/stories");
        await reader.GotoAsync("/stories?q=script+alert");
        await host.SignInAsync(moderator, name);
        await moderator.GotoAsync($"/moderation/review/{pendingId}");
        await moderator.CheckAsync("#reveal-text");
        await moderator.ClickAsync("#redact-panel summary");
        await moderator.GotoAsync($"/moderation/review/{publicId}");
        await moderator.CheckAsync("#reveal-text");
        await moderator.GotoAsync("/moderation");
        await reader.WaitForTimeoutAsync(500);

        Assert.Empty(dialogs);
        Assert.Contains("<script>alert('story')</script>", await reader.Locator("article.story").First.TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
    }
}

/// <summary>A host whose share limit is one story per client, for the over-the-limit journey.</summary>
public sealed class LimitedBrowserHost : BrowserHost
{
    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.UseSetting("RateLimits:SharePerClient", "1");
    }
}

public sealed class OverTheLimitTests(LimitedBrowserHost host) : IClassFixture<LimitedBrowserHost>
{
    /// <summary>The audit's lost story: the text a person wrote survives a limit, with JavaScript on and off.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AStoryOverTheLimit_IsHeldBack_WithEveryWordStillThere(bool javaScript)
    {
        host.RequireBrowser();
        await UseUpTheLimitAsync();
        var page = await host.NewPageAsync(javaScript);
        var body = BrowserJourney.Body("The second story, which must not be lost.");

        await page.GotoAsync("/share");
        await page.FillAsync("form#share-form textarea", body);
        await page.ClickAsync("form#share-form button[type=submit]");
        await page.WaitForSelectorAsync("form#share-form button:not(.secondary)");
        await page.ClickAsync("form#share-form button:not(.secondary)");
        await page.WaitForSelectorAsync("#share-held-back");

        Assert.Contains("not sent yet", await page.TextContentAsync("#share-held-back") ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains(body[..40], await page.TextContentAsync("section.preview") ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(body, await page.GetAttributeAsync("form#share-form input[name='Draft.Body']", "value"));
        await page.ClickAsync("form#share-form button.secondary"); // back to editing: the text is in the box
        Assert.Equal(body, await page.InputValueAsync("form#share-form textarea"));
    }

    /// <summary>One story from this connection (the limit), if no earlier test sent it already.</summary>
    private async Task UseUpTheLimitAsync()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/share");
        await page.FillAsync("form#share-form textarea", BrowserJourney.Body("The first story from this connection."));
        await page.ClickAsync("form#share-form button[type=submit]");
        await page.WaitForSelectorAsync("form#share-form button:not(.secondary)");
        await page.ClickAsync("form#share-form button:not(.secondary)");
        await page.WaitForSelectorAsync("#receipt-code, #share-held-back");
        await page.Context.CloseAsync();
    }
}
