using System.Net;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Tests.Pages.Moderation;

/// <summary>A moderator's journey, through the real sign-in page and forms.</summary>
public sealed class ModerationJourneyTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory().With("RateLimits:SignInsPerAddress", "1000");

    public void Dispose() => _app.Dispose();

    private static string Body(string words) =>
        $"{words} It happened at my first job and I never told anyone until now. {Guid.NewGuid():N}";

    [Fact]
    public async Task AModerator_ClaimsRevealsAndApproves_AndTheStoryIsPublicAtOnce()
    {
        var body = Body("The approval journey story.");
        var (publicId, _) = await ModerationJourney.SharedStoryAsync(_app, body);
        var (moderator, name) = await ModerationJourney.SignedInAsync(_app);

        var queue = await Html.GetAsync(moderator, "/moderation");
        var item = queue.QuerySelector($".queue-item[data-public-id='{publicId}']");
        var review = await ModerationJourney.OpenAsync(moderator, publicId);
        var unconfirmed = await ModerationJourney.DecideAsync(moderator, review, "form#approve-form");
        var approved = await ModerationJourney.DecideAsync(moderator, review, "form#approve-form", ("Confirmed", "true"), ("ExtraWarnings", "physical-violence"));
        var list = await Html.GetAsync(_app.CreateClient(), "/stories");
        var page = await Html.GetAsync(_app.CreateClient(), $"/stories/{publicId}");

        Assert.NotNull(item);
        Assert.NotNull(item!.QuerySelector($"a[href='/moderation/review/{publicId}']"));
        Assert.Contains("Yours until", review.QuerySelector("#claim-state")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(review.QuerySelector("#reveal-text[type=checkbox]"));
        Assert.Contains(body[..30], review.QuerySelector(".under-review article.story")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.NotNull((await Html.ParseAsync(unconfirmed)).QuerySelector("#review-error"));
        Assert.True(ModerationJourney.WentToQueue(approved), approved.StatusCode.ToString());
        Assert.Contains(list.QuerySelectorAll("a.story-link"), a => a.GetAttribute("href") == $"/stories/{publicId}");
        Assert.Contains("Physical violence", page.QuerySelector("article.story")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.StoryApproved && e.StoryPublicId == publicId)));
        Assert.False(await _app.WithDbAsync(db => db.StoryClaims.AnyAsync()));
    }

    [Fact]
    public async Task RequestingChanges_SendsTheMessageToTheAuthor_WhoReadsItWithTheReceipt()
    {
        var body = Body("A story that needs a change.");
        var (publicId, receipt) = await ModerationJourney.SharedStoryAsync(_app, body);
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app);
        var review = await ModerationJourney.OpenAsync(moderator, publicId);

        var empty = await Html.ParseAsync(await ModerationJourney.DecideAsync(moderator, review, "form#request-changes-form", ("Message", "   ")));
        var sent = await ModerationJourney.DecideAsync(moderator, review, "form#request-changes-form", ("Message", "Please remove the name of the shop in the second sentence."));
        var author = await MyStoryJourney.OpenAsync(_app.CreateClient(), receipt);

        Assert.NotNull(empty.QuerySelector("#error-summary"));
        Assert.True(ModerationJourney.WentToQueue(sent));
        Assert.Contains("Please remove the name of the shop", author.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(StoryStatus.ChangesRequested, await _app.WithDbAsync(db => db.Stories.Where(s => s.PublicId == publicId).Select(s => s.Status).SingleAsync()));
    }

    [Fact]
    public async Task Rejecting_NeedsAReason_AndTheAuditKeepsTheCodeButNotTheNote()
    {
        var body = Body("A story to be rejected.");
        var (publicId, _) = await ModerationJourney.SharedStoryAsync(_app, body);
        var (moderator, name) = await ModerationJourney.SignedInAsync(_app);
        var review = await ModerationJourney.OpenAsync(moderator, publicId);

        var noReason = await Html.ParseAsync(await Html.SubmitAsync(moderator, Html.Form(review, "form#reject-form"), Html.Values(("Note", "x"))));
        var rejected = await ModerationJourney.DecideAsync(moderator, review, "form#reject-form", ("Reason", nameof(RejectionReason.Spam)), ("Note", "Advert for a shop, third one today"));

        Assert.NotNull(noReason.QuerySelector("#error-summary"));
        Assert.True(ModerationJourney.WentToQueue(rejected));
        var entry = await _app.WithDbAsync(db => db.StaffAudit.SingleAsync(e => e.Action == StaffActions.StoryRejected && e.StoryPublicId == publicId));
        Assert.Equal((name, "Spam"), (entry.Actor, entry.ReasonCode));
        Assert.False(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => (e.ReasonCode ?? "").Contains("Advert") || (e.Target ?? "").Contains("Advert"))));
        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync($"/stories/{publicId}")).StatusCode);
    }

    [Fact]
    public async Task Redacting_ChangesThePublicText_AndTheOldTextIsGoneFromTheDatabaseFiles()
    {
        var secret = "Marguerite Okonkwo-Villanueva";
        var body = Body($"My manager {secret} cornered me in the stockroom.");
        var (publicId, _) = await ModerationJourney.SharedStoryAsync(_app, body);
        var (moderator, name) = await ModerationJourney.SignedInAsync(_app);
        Assert.True(ModerationJourney.WentToQueue(await ModerationJourney.ApproveAsync(moderator, publicId)));

        var review = await ModerationJourney.OpenAsync(moderator, publicId);
        var redacted = await ModerationJourney.DecideAsync(moderator, review, "form#redact-form", ("RedactBody", body.Replace(secret, "[name removed]", StringComparison.Ordinal)));
        var page = await Html.GetAsync(_app.CreateClient(), $"/stories/{publicId}");
        var files = await Files.DatabaseFilesAsync(_app);

        Assert.Equal($"/moderation/review/{publicId}?redacted=true", redacted.Headers.Location?.OriginalString);
        Assert.Contains("[name removed]", page.QuerySelector("article.story")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, page.Body!.TextContent, StringComparison.Ordinal);
        Assert.All(files, file => Assert.False(Files.Contains(file.Value, "Okonkwo-Villanueva"), $"the old text is still in {file.Key}"));
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.StoryRedacted && e.StoryPublicId == publicId)));
    }

    [Fact]
    public async Task APendingRevisionOfAPublishedStory_WhenApproved_ReplacesTheOldText()
    {
        var body = Body("The first version of a published story.");
        var (publicId, receipt) = await ModerationJourney.SharedStoryAsync(_app, body);
        var (moderator, name) = await ModerationJourney.SignedInAsync(_app);
        await ModerationJourney.ApproveAsync(moderator, publicId);
        var edited = Body("The second version, written later by its author.");
        await MyStoryJourney.EditAsync(_app.CreateClient(), receipt, ("Draft.Body", edited));

        var queue = await Html.GetAsync(moderator, "/moderation");
        var stillUp = await Html.GetAsync(_app.CreateClient(), $"/stories/{publicId}");
        var review = await ModerationJourney.OpenAsync(moderator, publicId);
        var approved = await ModerationJourney.DecideAsync(moderator, review, "form#approve-form", ("Confirmed", "true"));
        var after = await Html.GetAsync(_app.CreateClient(), $"/stories/{publicId}");

        Assert.Contains("edit of a published story", queue.QuerySelector($".queue-item[data-public-id='{publicId}']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("The first version", stillUp.QuerySelector("article.story")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("The second version", review.QuerySelector(".under-review article.story")!.TextContent, StringComparison.Ordinal);
        Assert.True(ModerationJourney.WentToQueue(approved));
        Assert.Contains("The second version", after.QuerySelector("article.story")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("The first version", after.QuerySelector("article.story")!.TextContent, StringComparison.Ordinal);
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.RevisionApproved)));
    }

    [Fact]
    public async Task TwoDecisionsOnOneVersion_ExactlyOneWins_AndTheOtherGetsAClearMessage()
    {
        var body = Body("A story two tabs decide at once.");
        var (publicId, _) = await ModerationJourney.SharedStoryAsync(_app, body);
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app);
        var first = await ModerationJourney.OpenAsync(moderator, publicId);
        var second = await ModerationJourney.OpenAsync(moderator, publicId);

        var results = await Task.WhenAll(
            ModerationJourney.DecideAsync(moderator, first, "form#approve-form", ("Confirmed", "true")),
            ModerationJourney.DecideAsync(moderator, second, "form#reject-form", ("Reason", nameof(RejectionReason.Spam))));

        Assert.Single(results, ModerationJourney.WentToQueue);
        var loser = results.Single(r => !ModerationJourney.WentToQueue(r));
        Assert.Equal(HttpStatusCode.OK, loser.StatusCode);
        Assert.Contains("Another moderator decided this story", (await Html.ParseAsync(loser)).QuerySelector("#review-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.StaffAudit.CountAsync(e => e.StoryPublicId == publicId && (e.Action == StaffActions.StoryApproved || e.Action == StaffActions.StoryRejected))));
    }

    [Fact]
    public async Task AClaimedStory_IsShownAsTaken_AndOthersCannotDecideItUntilTheClaimLapses()
    {
        var body = Body("A story one moderator is reading.");
        var (publicId, _) = await ModerationJourney.SharedStoryAsync(_app, body);
        var (first, firstName) = await ModerationJourney.SignedInAsync(_app);
        var (second, _) = await ModerationJourney.SignedInAsync(_app);
        await ModerationJourney.OpenAsync(first, publicId);

        var queue = await Html.GetAsync(second, "/moderation");
        var review = await ModerationJourney.OpenAsync(second, publicId);
        var refused = await ModerationJourney.DecideAsync(second, review, "form#reject-form", ("Reason", nameof(RejectionReason.Spam)));
        _app.Time.Advance(TimeSpan.FromMinutes(11));
        var later = await ModerationJourney.OpenAsync(second, publicId);
        var decided = await ModerationJourney.DecideAsync(second, later, "form#reject-form", ("Reason", nameof(RejectionReason.Spam)));

        Assert.Contains($"taken by {firstName}", queue.QuerySelector($".queue-item[data-public-id='{publicId}']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Taken by {firstName}", review.QuerySelector("#claim-state")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Another moderator is working on this story", (await Html.ParseAsync(refused)).QuerySelector("#review-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Yours until", later.QuerySelector("#claim-state")!.TextContent, StringComparison.Ordinal);
        Assert.True(ModerationJourney.WentToQueue(decided));
    }

    [Fact]
    public async Task TheQueue_IsOldestFirst_WithCountsByState()
    {
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await ModerationJourney.SharedStoryAsync(_app, Body($"Queue order story {i}."))).PublicId);
        }

        var queue = await Html.GetAsync(moderator, "/moderation");
        var order = queue.QuerySelectorAll(".queue-item").Select(li => li.GetAttribute("data-public-id")!).Where(ids.Contains).ToList();

        Assert.Equal(ids, order);
        Assert.Equal("3", queue.QuerySelector("#count-waiting")!.TextContent);
    }

    [Fact]
    public async Task TheReviewPage_ShowsMarkersAndContentWarningsBeforeTheText()
    {
        var body = Body("Call me on +44 20 7946 0958 or write to someone@example.org, you asked for it.");
        var (publicId, _) = await ModerationJourney.SharedStoryAsync(_app, body, ("Draft.ContentWarnings", "sexual-violence"));
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app);

        var review = await ModerationJourney.OpenAsync(moderator, publicId);
        var markers = review.QuerySelector("#review-markers")!.TextContent;
        var html = review.DocumentElement.OuterHtml;

        Assert.Contains("Email address", markers, StringComparison.Ordinal);
        Assert.Contains("Phone number", markers, StringComparison.Ordinal);
        Assert.Contains("Suspect word", markers, StringComparison.Ordinal);
        Assert.Contains("Sexual violence", review.QuerySelector("#content-warnings")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.True(html.IndexOf("id=\"content-warnings\"", StringComparison.Ordinal) < html.IndexOf("class=\"under-review\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADuplicateText_IsMarked()
    {
        var body = Body("A story sent twice by a flood script.");
        await ModerationJourney.SharedStoryAsync(_app, body);
        await Journeys.ShareAndGetReceiptAsync(_app.CreateClient(), body.ToUpperInvariant());

        var duplicates = await _app.WithDbAsync(db => db.ScreeningMarkers.CountAsync(m => m.Kind == MarkerKind.DuplicateText));

        Assert.Equal(1, duplicates);
    }

    [Fact]
    public async Task AfterALongRunOfDecisions_ThePagesSuggestABreak()
    {
        var (moderator, name) = await ModerationJourney.SignedInAsync(_app);
        var before = await Html.GetAsync(moderator, "/moderation");
        await _app.WithDbAsync(async db =>
        {
            var stories = await MeToo.Tests.Harness.Stories.AddAsync(db, 25, new DateOnly(2026, 3, 14), null);
            var at = _app.Time.GetUtcNow().UtcDateTime;
            db.StaffAudit.AddRange(stories.Select((s, i) => new StaffAuditEntry(at.AddMinutes(-i * 2), name, StaffRoles.Moderator, StaffActions.StoryApproved, storyPublicId: s.PublicId)));
            await db.SaveChangesAsync();
        });

        var after = await Html.GetAsync(moderator, "/moderation");
        _app.Time.Advance(TimeSpan.FromHours(2));
        await StaffJourney.SignInAsync(moderator, name); // the idle session has ended by now
        var rested = await Html.GetAsync(moderator, "/moderation");
        Assert.NotNull(rested.QuerySelector("#count-waiting"));

        Assert.Null(before.QuerySelector("#break-suggestion"));
        Assert.NotNull(after.QuerySelector("#break-suggestion"));
        Assert.Null(rested.QuerySelector("#break-suggestion"));
    }

    [Fact]
    public async Task TheAuditLog_FiltersByActionAndStory()
    {
        var (publicId, _) = await ModerationJourney.SharedStoryAsync(_app, Body("A story for the audit filter."));
        var (moderator, name) = await ModerationJourney.SignedInAsync(_app);
        await ModerationJourney.ApproveAsync(moderator, publicId);

        var byAction = await Html.GetAsync(moderator, $"/moderation/audit?action={StaffActions.StoryApproved}");
        var byStory = await Html.GetAsync(moderator, $"/moderation/audit?story={publicId}");
        var byOther = await Html.GetAsync(moderator, $"/moderation/audit?action={StaffActions.StoryRejected}");

        Assert.NotEmpty(byAction.QuerySelectorAll(".audit-entry .audit-action"));
        Assert.All(byAction.QuerySelectorAll(".audit-entry .audit-action"), cell => Assert.Equal(StaffActions.StoryApproved, cell.TextContent));
        Assert.Contains(byAction.QuerySelectorAll(".audit-entry"), row => row.TextContent.Contains(name, StringComparison.Ordinal));
        Assert.Contains(byStory.QuerySelectorAll(".audit-entry"), row => row.TextContent.Contains(name, StringComparison.Ordinal));
        Assert.Empty(byOther.QuerySelectorAll(".audit-entry"));
    }

    /// <summary>The audit found the queue of pending titles sent with no-cache: a shared browser could keep it.</summary>
    [Theory]
    [InlineData("/moderation")]
    [InlineData("/moderation/reports")]
    [InlineData("/moderation/audit")]
    [InlineData("/account")]
    public async Task StaffPages_AreNeverStored(string url)
    {
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app);

        var response = await moderator.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    /// <summary>The audit found declined edits left in the write-ahead log.</summary>
    [Fact]
    public async Task ADeclinedEdit_IsGoneFromTheDatabaseFiles()
    {
        var body = Body("A published story whose author sends an edit the moderator declines.");
        var (publicId, receipt) = await ModerationJourney.SharedStoryAsync(_app, body);
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app);
        await ModerationJourney.ApproveAsync(moderator, publicId);
        var secret = "Bartholomew-Quennington";
        await MyStoryJourney.EditAsync(_app.CreateClient(), receipt, ("Draft.Body", Body($"The edit names {secret}, which must not stay anywhere.")));
        var review = await ModerationJourney.OpenAsync(moderator, publicId);

        await ModerationJourney.DecideAsync(moderator, review, "form#reject-form", ("Reason", nameof(RejectionReason.IdentifiesSomeone)));
        var files = await Files.DatabaseFilesAsync(_app);

        Assert.Null(await _app.WithDbAsync(db => db.StoryRevisions.SingleOrDefaultAsync(r => db.Stories.Any(s => s.Id == r.StoryId && s.PublicId == publicId))));
        Assert.All(files, f => Assert.False(Files.Contains(f.Value, secret), $"the declined edit is still in {f.Key}"));
    }
}
