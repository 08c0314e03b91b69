using MeToo.Tests.Harness;

namespace MeToo.Tests.Pages.Share;

/// <summary>privacy rules 7 and 12 on the receipt page.</summary>
public sealed class ReceiptCareTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(HttpClient Client, AngleSharp.Html.Dom.IHtmlDocument Page, string Receipt)> ShareAsync()
    {
        var client = app.CreateClient();
        var page = await Journeys.ShareAsync(client, Html.Values(("Draft.Body", $"{Journeys.SampleBody} {Guid.NewGuid():N}")));
        return (client, page, page.QuerySelector("#receipt-code")!.TextContent.Trim());
    }

    [Fact]
    public async Task TheReceiptPage_WarnsThatItIsShownOnce_AndThatWhoeverHoldsItControlsTheStory()
    {
        var (_, page, _) = await ShareAsync();

        var text = page.Body!.TextContent;
        Assert.Contains("only time we will show it", text);
        Assert.Contains("cannot recover", text);
        Assert.Contains("Anyone who finds this code controls your story", text);
        Assert.NotNull(page.QuerySelector("button[data-copy-target='receipt-code']"));
    }

    [Fact]
    public async Task ConfirmingTheLastGroup_FinishesTheJourney_AndAWrongGroupSaysSo()
    {
        var (client, page, receipt) = await ShareAsync();
        var form = Html.Form(page, "form#confirm-saved-form");

        var wrong = await Html.ParseAsync(await Html.SubmitAsync(client, form, Html.Values(("LastGroup", "ZZZZ"))));
        var right = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(wrong, "form#confirm-saved-form"), Html.Values(("LastGroup", receipt[^4..].ToLowerInvariant()))));

        Assert.Contains("does not match", wrong.QuerySelector("#LastGroup-error")!.TextContent);
        Assert.Equal(receipt, wrong.QuerySelector("#receipt-code")!.TextContent.Trim());
        Assert.Contains("All done", right.QuerySelector("h1")!.TextContent);
        Assert.Null(right.QuerySelector("#receipt-code"));
    }

    [Fact]
    public async Task TheReceipt_DownloadsAsATextFileWithANeutralName_ThroughAPost()
    {
        var (client, page, receipt) = await ShareAsync();
        var form = page.QuerySelectorAll("form").OfType<AngleSharp.Html.Dom.IHtmlFormElement>().Single(f => f.GetAttribute("action")!.Contains("DownloadReceipt", StringComparison.OrdinalIgnoreCase));

        var response = await Html.SubmitAsync(client, form);

        Assert.Equal("post", form.Method, ignoreCase: true);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("note.txt", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Contains(receipt, await response.Content.ReadAsStringAsync());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task RefreshingTheReceiptPage_DoesNotSendTheStoryTwice_AndShowsTheSameReceipt()
    {
        var client = app.CreateClient();
        var body = $"A story whose receipt page the author refreshes. {Guid.NewGuid():N}";
        var preview = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", body)));
        var submit = Html.Form(preview, "form#share-form");

        // A refresh re-posts exactly what the browser sent the first time.
        var first = await Html.ParseAsync(await Html.SubmitAsync(client, submit));
        var again = await Html.ParseAsync(await Html.SubmitAsync(client, submit));
        var otherPreview = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", body)));
        var secondStory = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(otherPreview, "form#share-form")));

        Assert.Equal(first.QuerySelector("#receipt-code")!.TextContent, again.QuerySelector("#receipt-code")!.TextContent);
        Assert.NotEqual(first.QuerySelector("#receipt-code")!.TextContent, secondStory.QuerySelector("#receipt-code")!.TextContent);
        Assert.Equal(2, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Stories, s => s.Body == body)));
    }
}
