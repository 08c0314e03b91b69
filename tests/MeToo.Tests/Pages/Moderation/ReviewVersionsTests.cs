using System.Net;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Tests.Pages.Moderation;

/// <summary>
/// A published story that goes back to review while its author's edit waits: the review page shows
/// both versions and says which is which, the moderator decides both, and a redaction covers every
/// version that can become public — through the real forms (decision record 0008).
/// </summary>
public sealed class ReviewVersionsTests : IDisposable
{
    private const string Secret = "Marguerite Okonkwo-Villanueva";

    private readonly MeTooFactory _app = new MeTooFactory().With("RateLimits:SignInsPerAddress", "1000");

    public void Dispose() => _app.Dispose();

    private static string Body(string words) =>
        $"{words} It happened at my first job and I never told anyone until now. {Guid.NewGuid():N}";

    /// <summary>Published, then edited by its author (the edit waits), then returned to review from the reports queue.</summary>
    private async Task<(string PublicId, string Receipt, HttpClient Moderator, string Published, string Edit)> BackInReviewWithAnEditAsync(string editWords)
    {
        var published = Body($"My manager {Secret} cornered me in the stockroom.");
        var (publicId, receipt) = await ModerationJourney.SharedStoryAsync(_app, published);
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app);
        Assert.True(ModerationJourney.WentToQueue(await ModerationJourney.ApproveAsync(moderator, publicId)));
        var edit = Body(editWords);
        await MyStoryJourney.EditAsync(_app.CreateClient(), receipt, ("Draft.Body", edit));
        await ReaderJourney.ReportAsync(_app.CreateClient(), publicId, nameof(ReportReason.IdentifiesSomeone));
        var reports = await Html.GetAsync(moderator, "/moderation/reports");
        var returned = await Html.SubmitAsync(moderator, Html.Form(reports, $".report-item[data-public-id='{publicId}'] form.return-form"));
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Equal(StoryStatus.Pending, await _app.WithDbAsync(db => db.Stories.Where(s => s.PublicId == publicId).Select(s => s.Status).SingleAsync()));
        return (publicId, receipt, moderator, published, edit);
    }

    [Fact]
    public async Task TheReviewPage_ShowsBothVersions_AndSaysWhichIsWhich()
    {
        var (publicId, _, moderator, published, edit) = await BackInReviewWithAnEditAsync("An edit written later by the author.");
        Assert.DoesNotContain(published[^32..], edit, StringComparison.Ordinal);

        var review = await ModerationJourney.OpenAsync(moderator, publicId);

        Assert.Contains("cornered me in the stockroom", review.QuerySelector("#version-live article.story")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(published[^32..], review.QuerySelector("#version-live article.story")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("published until it went back to review", review.QuerySelector("#version-live .version-label")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(edit[^32..], review.QuerySelector("#version-edit article.story")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("The author's edit", review.QuerySelector("#version-edit .version-label")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Decide both", review.QuerySelector("#review-kind")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, review.QuerySelectorAll("#approve-form input[name=Choice]").Length);
        Assert.NotNull(review.QuerySelector("#redact-form textarea[name=RedactBody]"));
        Assert.NotNull(review.QuerySelector("#redact-form textarea[name=RedactEditBody]"));
    }

    /// <summary>
    /// The scenario that undid a redaction: the moderator redacts the name in the published text of
    /// a story back in review; approval must publish the redacted text, never the original.
    /// </summary>
    [Fact]
    public async Task ARedactionOfThePublishedText_CannotBeUndoneByApproval()
    {
        var (publicId, _, moderator, published, _) = await BackInReviewWithAnEditAsync("An edit that says nothing identifying.");
        var review = await ModerationJourney.OpenAsync(moderator, publicId);

        var redacted = await ModerationJourney.DecideAsync(moderator, review, "form#redact-form", ("RedactBody", published.Replace(Secret, "[name removed]", StringComparison.Ordinal)));
        var afterRedaction = await ModerationJourney.OpenAsync(moderator, publicId);
        var approved = await ModerationJourney.DecideAsync(moderator, afterRedaction, "form#approve-form", ("Confirmed", "true"), ("Choice", nameof(ApprovalChoice.TheEarlierVersion)));
        var page = await Html.GetAsync(_app.CreateClient(), $"/stories/{publicId}");
        var files = await Files.DatabaseFilesAsync(_app);

        Assert.Equal($"/moderation/review/{publicId}?redacted=true", redacted.Headers.Location?.OriginalString);
        Assert.True(ModerationJourney.WentToQueue(approved), approved.StatusCode.ToString());
        Assert.Contains("[name removed]", page.QuerySelector("article.story")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Okonkwo", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.All(files, file => Assert.False(Files.Contains(file.Value, "Okonkwo-Villanueva"), $"the redacted name is still in {file.Key}"));
    }

    [Fact]
    public async Task ANameInBothVersions_IsRedactedInBoth_SoNeitherChoicePublishesIt()
    {
        var (publicId, _, moderator, published, edit) = await BackInReviewWithAnEditAsync($"Later I wrote again about {Secret}.");
        var review = await ModerationJourney.OpenAsync(moderator, publicId);

        await ModerationJourney.DecideAsync(
            moderator,
            review,
            "form#redact-form",
            ("RedactBody", published.Replace(Secret, "[name removed]", StringComparison.Ordinal)),
            ("RedactEditBody", edit.Replace(Secret, "[name removed]", StringComparison.Ordinal)));
        var afterRedaction = await ModerationJourney.OpenAsync(moderator, publicId);
        var approved = await ModerationJourney.DecideAsync(moderator, afterRedaction, "form#approve-form", ("Confirmed", "true"), ("Choice", nameof(ApprovalChoice.TheEdit)));
        var page = await Html.GetAsync(_app.CreateClient(), $"/stories/{publicId}");
        var files = await Files.DatabaseFilesAsync(_app);

        Assert.True(ModerationJourney.WentToQueue(approved));
        Assert.Contains("Later I wrote again about [name removed]", page.QuerySelector("article.story")!.TextContent, StringComparison.Ordinal);
        Assert.All(files, file => Assert.False(Files.Contains(file.Value, "Okonkwo-Villanueva"), $"the redacted name is still in {file.Key}"));
    }

    [Fact]
    public async Task ApprovingWithoutChoosingAVersion_AsksWhich_AndChangesNothing()
    {
        var (publicId, _, moderator, _, _) = await BackInReviewWithAnEditAsync("An edit the moderator has not chosen yet.");
        var review = await ModerationJourney.OpenAsync(moderator, publicId);

        var answer = await Html.ParseAsync(await ModerationJourney.DecideAsync(moderator, review, "form#approve-form", ("Confirmed", "true")));

        Assert.Contains("Choose which version to publish", answer.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(StoryStatus.Pending, await _app.WithDbAsync(db => db.Stories.Where(s => s.PublicId == publicId).Select(s => s.Status).SingleAsync()));
    }

    [Fact]
    public async Task TheAuthorsEdit_IsNeverDroppedSilently_WhenTheModeratorPublishesTheEdit()
    {
        var (publicId, receipt, moderator, _, edit) = await BackInReviewWithAnEditAsync("The edit that removes the detail the reader reported.");
        var review = await ModerationJourney.OpenAsync(moderator, publicId);

        await ModerationJourney.DecideAsync(moderator, review, "form#approve-form", ("Confirmed", "true"), ("Choice", nameof(ApprovalChoice.TheEdit)));
        var page = await Html.GetAsync(_app.CreateClient(), $"/stories/{publicId}");
        var author = await MyStoryJourney.OpenAsync(_app.CreateClient(), receipt);

        Assert.Contains(edit[..40], page.QuerySelector("article.story")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Okonkwo", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(edit[..40], author.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendingItBackToTheAuthor_KeepsTheirEdit_AsTheTextTheyContinueFrom()
    {
        var (publicId, receipt, moderator, _, edit) = await BackInReviewWithAnEditAsync("The author's edit, kept when the story goes back to them.");
        var review = await ModerationJourney.OpenAsync(moderator, publicId);

        await ModerationJourney.DecideAsync(moderator, review, "form#request-changes-form", ("Message", "Please also leave out the name of the shop."));
        var author = _app.CreateClient();
        var status = await MyStoryJourney.OpenAsync(author, receipt);
        var editForm = await Html.ParseAsync(await Html.SubmitAsync(author, Html.Form(status, "form#edit-form")));

        Assert.Contains("Please also leave out the name of the shop.", status.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(edit, editForm.QuerySelector("form#edit-form textarea")!.TextContent.Trim());
    }

    [Fact]
    public async Task RedactingTheDisplayName_MakesThePublishedStoryAnonymous()
    {
        var body = Body("A story signed with a real first and last name.");
        var (publicId, _) = await ModerationJourney.SharedStoryAsync(_app, body, ("Draft.Anonymous", "false"), ("Draft.DisplayName", "Grace Hopkinson"));
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app);
        var review = await ModerationJourney.OpenAsync(moderator, publicId);
        Assert.Contains("Possible full name", review.QuerySelector("#review-markers")!.TextContent, StringComparison.Ordinal);

        await ModerationJourney.DecideAsync(moderator, review, "form#redact-form", ("RedactName", ""));
        await ModerationJourney.ApproveAsync(moderator, publicId);
        var page = await Html.GetAsync(_app.CreateClient(), $"/stories/{publicId}");

        Assert.DoesNotContain("Hopkinson", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(await _app.WithDbAsync(db => db.Stories.Where(s => s.PublicId == publicId).Select(s => s.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task AStoryHiddenByReports_WhileAnEditWaits_ComesToTheQueueWithBothVersions()
    {
        await _app.WithDbAsync(async db =>
        {
            var settings = await db.SiteSettings.SingleAsync();
            settings.AutoHideThreshold = 1;
            await db.SaveChangesAsync();
        });
        var published = Body("A published story a reader will report.");
        var (publicId, receipt) = await ModerationJourney.SharedStoryAsync(_app, published);
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app);
        await ModerationJourney.ApproveAsync(moderator, publicId);
        await MyStoryJourney.EditAsync(_app.CreateClient(), receipt, ("Draft.Body", Body("The author's edit, sent before the report.")));

        await ReaderJourney.ReportAsync(_app.CreateClient(), publicId);
        var queue = await Html.GetAsync(moderator, "/moderation");
        var review = await ModerationJourney.OpenAsync(moderator, publicId);

        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync($"/stories/{publicId}")).StatusCode);
        Assert.Equal(publicId, queue.QuerySelector(".queue-item")!.GetAttribute("data-public-id"));
        Assert.NotNull(review.QuerySelector("#version-live"));
        Assert.NotNull(review.QuerySelector("#version-edit"));
    }
}
