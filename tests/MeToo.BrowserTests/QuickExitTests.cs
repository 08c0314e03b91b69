using MeToo.Web.Domain;
using Microsoft.Playwright;

namespace MeToo.BrowserTests;

/// <summary>
/// Nothing stands between a person and the quick exit (docs/privacy.md, "Quick exit"): on every page —
/// public, author and staff, in each language — after typing into the page (which gives the page the
/// user activation a browser needs before it may ask "Leave site?"), the button and Shift pressed three
/// times both leave at once, for the page language's destination, with no dialog of any kind.
/// </summary>
public sealed class QuickExitTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private static readonly TimeSpan LeaveWithin = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task OnEveryPublicPage_TheExitLeavesAtOnce_InThePagesLanguage()
    {
        host.RequireBrowser();
        var story = await host.PublishedStoryAsync(BrowserJourney.Body("A story a reader leaves from."));
        string[] paths = ["/", "/stories", $"/stories/{story}", "/stats", "/help", "/safety", "/guidelines", "/privacy", "/about", "/share", "/my-story", "/no-such-page"];

        foreach (var language in new[] { "", "/es", "/fr" })
        {
            foreach (var path in paths)
            {
                await LeavesAsync(language + path, setUp: null);
            }
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("/es")]
    [InlineData("/fr")]
    public async Task AnAuthor_LeavesFromEveryStep_HalfTypedStory_Preview_UnconfirmedReceipt_AndTheirStory(string language)
    {
        host.RequireBrowser();
        var body = BrowserJourney.Body("A story whose author leaves in a hurry.");

        // The share form, half typed.
        await LeavesAsync(language + "/share", setUp: page => page.FillAsync("form#share-form textarea", body[..40]));

        // The preview, and the receipt before its code is confirmed as saved (the page that asks before leaving).
        await LeavesAsync(language + "/share", setUp: async page =>
        {
            await page.FillAsync("form#share-form textarea", body);
            await page.ClickAsync("form#share-form button[type=submit]");
            await page.WaitForSelectorAsync("form#share-form button:not(.secondary)");
            await page.Locator("form#share-form textarea, form#share-form input[type=text]").First.IsVisibleAsync();
        });
        string? receipt = null;
        await LeavesAsync(language + "/share", setUp: async page =>
        {
            await page.FillAsync("form#share-form textarea", body);
            await page.ClickAsync("form#share-form button[type=submit]");
            await page.WaitForSelectorAsync("form#share-form button:not(.secondary)");
            await page.ClickAsync("form#share-form button:not(.secondary)");
            receipt = (await page.TextContentAsync("#receipt-code"))!.Trim();
            await page.FillAsync("#LastGroup", "ZZ"); // started, not confirmed
        });

        // My story: the receipt half typed, then the story open with its edit form typed into.
        await LeavesAsync(language + "/my-story", setUp: page => page.FillAsync("#ReceiptCode", receipt![..6]));
        await LeavesAsync(language + "/my-story", setUp: async page =>
        {
            await page.FillAsync("#ReceiptCode", receipt!);
            await page.ClickAsync("form#receipt-form button[type=submit]");
            await page.WaitForSelectorAsync("form#withdraw-form");
            await page.ClickAsync("form#edit-form button[type=submit]");
            await page.FillAsync("form#edit-form textarea", body + " An edit half made.");
        });
    }

    [Fact]
    public async Task StaffLeaveFromEveryPage_IncludingAnOpenReviewWithAHalfWrittenMessage()
    {
        host.RequireBrowser();
        await BrowserJourney.ShareAsync(host, BrowserJourney.Body("A story under review when the moderator leaves."));
        var name = "exit-" + Guid.NewGuid().ToString("N")[..6];
        await host.CreateStaffAsync(name, StaffRoles.Admin);

        await LeavesAsync("/account/login", setUp: page => page.FillAsync("#Username", name));

        string[] paths =
        [
            "/account", "/account/changepassword", "/account/twofactor", "/moderation", "/moderation/reports", "/moderation/audit",
            "/admin", "/admin/moderators", "/admin/words", "/admin/settings", "/admin/helplines", "/admin/export", "/admin/bulk", "/admin/translations",
            "/es/moderation", "/fr/admin",
        ];
        foreach (var path in paths)
        {
            await LeavesAsync(path, setUp: null, signedInAs: name);
        }

        await LeavesAsync("/moderation", signedInAs: name, setUp: async page =>
        {
            await page.ClickAsync(".queue-item a.review-link");
            await page.WaitForSelectorAsync("form#request-changes-form");
            await page.CheckAsync("#reveal-text");
            await page.FillAsync("form#request-changes-form textarea", "Please take out the name of");
        });
    }

    /// <summary>
    /// Opens <paramref name="path"/> twice — once to leave by the button, once by the keys — after
    /// <paramref name="setUp"/> (or a click into the page and a few typed keys where it has nothing to
    /// fill), and fails on any dialog or on still being here.
    /// </summary>
    private async Task LeavesAsync(string path, Func<IPage, Task>? setUp, string? signedInAs = null)
    {
        foreach (var byKeys in new[] { false, true })
        {
            var page = await host.NewPageAsync();
            try
            {
                if (signedInAs is not null)
                {
                    await host.SignInAsync(page, signedInAs);
                }

                var dialogs = new List<string>();
                page.Dialog += (_, dialog) =>
                {
                    dialogs.Add($"{dialog.Type}: {dialog.Message}");
                    _ = dialog.DismissAsync(); // a person who chose to stay
                };
                await page.GotoAsync(path);
                if (setUp is null)
                {
                    await page.ClickAsync("main h1");
                    await page.Keyboard.TypeAsync("me");
                }
                else
                {
                    await setUp(page);
                }

                var language = path.StartsWith("/es", StringComparison.Ordinal) ? "es" : path.StartsWith("/fr", StringComparison.Ordinal) ? "fr" : "en";
                var here = page.Url;
                if (byKeys)
                {
                    await page.Keyboard.PressAsync("Shift");
                    await page.Keyboard.PressAsync("Shift");
                    await page.Keyboard.PressAsync("Shift");
                }
                else
                {
                    await page.Locator("a#quick-exit").DispatchEventAsync("click");
                }

                var destination = $"/about?left={language}";
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (!page.Url.EndsWith(destination, StringComparison.Ordinal) && dialogs.Count == 0 && clock.Elapsed < LeaveWithin)
                {
                    await Task.Delay(50);
                }

                var how = byKeys ? "Shift ×3" : "the button";
                Assert.True(dialogs.Count == 0, $"{path} ({how}): a dialog stood in the way: {string.Join("; ", dialogs)}");
                Assert.True(page.Url.EndsWith(destination, StringComparison.Ordinal), $"{path} ({how}): still at {page.Url} (was {here}), expected {destination}");
            }
            finally
            {
                await page.Context.CloseAsync();
            }
        }
    }
}
