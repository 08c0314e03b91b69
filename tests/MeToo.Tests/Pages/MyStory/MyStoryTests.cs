using System.Net;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeToo.Tests.Pages.MyStory;

public sealed class MyStoryTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static string Unique(string text) => $"{text} {Guid.NewGuid():N}";

    private static readonly DateOnly Today = DateOnly.FromDateTime(MeTooFactory.DefaultNow.UtcDateTime);

    private Task<Story> StoryWithBodyAsync(string body) =>
        app.WithDbAsync(db => db.Stories.Include(s => s.Tags).Include(s => s.PendingRevision).Include(s => s.Markers).AsNoTracking().SingleAsync(s => s.Body == body));

    private Task ChangeAsync(string body, Action<Story> change) =>
        app.WithDbAsync(async db =>
        {
            var story = await db.Stories.Include(s => s.Tags).Include(s => s.PendingRevision).SingleAsync(s => s.Body == body);
            change(story);
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Receipt_TypedInLowerCaseWithSpaces_OpensTheStoryWithItsStatusAndText()
    {
        var client = app.CreateClient();
        var body = Unique("My story as I wrote it, waiting for someone to read it carefully.");
        var receipt = await Journeys.ShareAndGetReceiptAsync(client, body);

        var page = await MyStoryJourney.OpenAsync(client, "  " + receipt.ToLowerInvariant().Replace("-", " ") + " ");

        Assert.Contains("Waiting for a moderator", page.QuerySelector(".status-badge")!.TextContent);
        Assert.Contains(body, page.QuerySelector("article.story")!.TextContent);
        Assert.NotNull(page.QuerySelector("form#edit-form"));
        Assert.NotNull(page.QuerySelector("form#withdraw-form"));
    }

    [Theory]
    [InlineData("0000-0000-0000-0000-0000")]
    [InlineData("not a receipt at all")]
    [InlineData("")]
    public async Task AWrongReceipt_GetsOneGenericMessage(string receipt)
    {
        var client = app.CreateClient();

        var page = await MyStoryJourney.OpenAsync(client, receipt);

        Assert.Equal("We could not find a story with that receipt. Please check the code and try again.", page.QuerySelector("#receipt-error")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("form#receipt-form"));
        Assert.Null(page.QuerySelector("article.story"));
    }

    [Fact]
    public async Task TheReceipt_NeverAppearsInAUrl_AndEveryAuthorPageIsNoStore()
    {
        var client = app.CreateClient();
        var receipt = await Journeys.ShareAndGetReceiptAsync(client, Unique("A story used to check where the receipt travels on the way."));

        var entry = await client.GetAsync("/my-story");
        var form = Html.Form(await Html.ParseAsync(entry), "form#receipt-form");
        var response = await Html.SubmitAsync(client, form, Html.Values(("ReceiptCode", receipt)));
        var page = await Html.ParseAsync(response);

        Assert.Equal("post", form.Method, ignoreCase: true);
        Assert.Equal("off", form.QuerySelector("input[name=ReceiptCode]")!.GetAttribute("autocomplete"));
        Assert.Equal("false", form.QuerySelector("input[name=ReceiptCode]")!.GetAttribute("spellcheck"));
        Assert.Equal("no-store", entry.Headers.CacheControl?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var canonical = receipt.Replace("-", "");
        Assert.NotEmpty(page.QuerySelectorAll("form#edit-form, form#withdraw-form"));
        Assert.All(page.QuerySelectorAll("form"), f => Assert.Equal("post", f.GetAttribute("method"), ignoreCase: true));
        Assert.All(page.QuerySelectorAll("[href], [action], [formaction]"), e =>
        {
            var url = e.GetAttribute("href") ?? e.GetAttribute("action") ?? e.GetAttribute("formaction") ?? "";
            Assert.DoesNotContain(canonical, url.Replace("-", "").ToUpperInvariant());
        });
        Assert.DoesNotContain(canonical, response.RequestMessage!.RequestUri!.ToString().ToUpperInvariant());
    }

    [Fact]
    public async Task AModeratorsMessage_IsShownToTheAuthor()
    {
        var client = app.CreateClient();
        var body = Unique("A story in which a moderator will find something to change.");
        var receipt = await Journeys.ShareAndGetReceiptAsync(client, body);
        await ChangeAsync(body, s => s.RequestChanges("Please remove your employer's name in the second paragraph.", Today));

        var page = await MyStoryJourney.OpenAsync(client, receipt);

        Assert.Contains("asked for changes", page.QuerySelector(".status-badge")!.TextContent);
        Assert.Contains("Please remove your employer's name in the second paragraph.", page.QuerySelector(".moderator-message")!.TextContent);
    }

    [Fact]
    public async Task EditingAfterChangesWereRequested_SendsTheStoryBackToReviewWithTheNewText()
    {
        var client = app.CreateClient();
        var body = Unique("A first version that named Brightline Logistics as the workplace.");
        var receipt = await Journeys.ShareAndGetReceiptAsync(client, body);
        await ChangeAsync(body, s => s.RequestChanges("Please remove the employer's name.", Today));
        var edited = Unique("A second version that leaves the workplace unnamed, as asked.");

        var page = await MyStoryJourney.EditAsync(client, receipt, ("Draft.Body", edited));

        Assert.Contains("Waiting for a moderator", page.QuerySelector(".status-badge")!.TextContent);
        var story = await StoryWithBodyAsync(edited);
        Assert.Equal(StoryStatus.Pending, story.Status);
        Assert.DoesNotContain(story.Markers, m => m.Kind == MarkerKind.Place);
    }

    [Fact]
    public async Task EditingAPublishedStory_KeepsItUpWhileTheRevisionWaits()
    {
        var client = app.CreateClient();
        var body = Unique("The published version that readers can see right now on the site.");
        var receipt = await Journeys.ShareAndGetReceiptAsync(client, body);
        await ChangeAsync(body, s => s.Approve(Today));
        var published = await StoryWithBodyAsync(body);
        var revised = Unique("The revised version, which must wait for a moderator before readers see it.");

        var page = await MyStoryJourney.EditAsync(client, receipt, ("Draft.Body", revised), ("Draft.Year", "2010"));

        Assert.Contains("published version stays up", page.QuerySelector(".notice")!.TextContent);
        var story = await StoryWithBodyAsync(body);
        Assert.Equal(StoryStatus.Published, story.Status);
        Assert.Equal(revised, story.PendingRevision!.Body);
        Assert.Equal(2010, story.PendingRevision.Year);
        var publicPage = await client.GetStringAsync($"/stories/{published.PublicId}");
        Assert.Contains(body, publicPage);
        Assert.DoesNotContain(revised, publicPage);

        var again = await MyStoryJourney.OpenAsync(client, receipt);
        Assert.Contains("latest changes are waiting", again.Body!.TextContent);
    }

    [Fact]
    public async Task EditingAPublishedStory_WithTakeDownNow_HidesItAtOnce()
    {
        var client = app.CreateClient();
        var body = Unique("A published version that turned out to contain something identifying.");
        var receipt = await Journeys.ShareAndGetReceiptAsync(client, body);
        await ChangeAsync(body, s => s.Approve(Today));
        var publicId = (await StoryWithBodyAsync(body)).PublicId;
        var revised = Unique("The version without the identifying detail, waiting for review.");

        await MyStoryJourney.EditAsync(client, receipt, ("Draft.Body", revised), ("TakeDownNow", "true"));

        var story = await StoryWithBodyAsync(revised);
        Assert.Equal(StoryStatus.Pending, story.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/stories/{publicId}")).StatusCode);
        Assert.DoesNotContain(body, await app.DatabaseContentsAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The audit's lost edit: a moderator acts while the author writes. Nothing is saved over the
    /// moderator's decision unseen, and not a word the author typed is lost.
    /// </summary>
    [Fact]
    public async Task AnEditConflict_KeepsTheAuthorsWords_AndSendingAgainConfirms()
    {
        var author = app.CreateClient();
        var body = Unique("A story whose author keeps editing while a moderator reads it.");
        var receipt = await Journeys.ShareAndGetReceiptAsync(author, body);
        var status = await MyStoryJourney.OpenAsync(author, receipt);
        var editForm = await Html.ParseAsync(await Html.SubmitAsync(author, Html.Form(status, "form#edit-form")));
        var newText = Unique("The author's new words, typed while a moderator was deciding.");
        var preview = await Html.ParseAsync(await Html.SubmitAsync(author, Html.Form(editForm, "form#edit-form"), Html.Values(("Draft.Body", newText))));
        await ChangeAsync(body, story => story.Approve(Today));

        var conflict = await Html.ParseAsync(await Html.SubmitAsync(author, Html.Form(preview, "form#edit-form")));
        var again = await Html.ParseAsync(await Html.SubmitAsync(author, Html.Form(conflict, "form#edit-form")));

        Assert.Contains("your changes are still here", conflict.QuerySelector("#edit-conflict")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(newText, conflict.QuerySelector("form#edit-form input[name='Draft.Body']")!.GetAttribute("value"));
        Assert.Contains("published version stays up", again.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(newText, (await StoryWithBodyAsync(body)).PendingRevision!.Body);
    }

    [Fact]
    public async Task InvalidEdits_ShowErrors_AndChangeNothing()
    {
        var client = app.CreateClient();
        var body = Unique("A story whose author will try to save an edit that is far too short.");
        var receipt = await Journeys.ShareAndGetReceiptAsync(client, body);
        var status = await MyStoryJourney.OpenAsync(client, receipt);
        var editForm = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(status, "form#edit-form")));

        var response = await Html.SubmitAsync(client, Html.Form(editForm, "form#edit-form"), Html.Values(("Draft.Body", "too short")));
        var page = await Html.ParseAsync(response);

        Assert.Contains("at least 30 characters", page.QuerySelector(".error-summary")!.TextContent);
        Assert.NotNull(page.QuerySelector("form#edit-form input[name=ReceiptCode]"));
        Assert.Equal(body, (await StoryWithBodyAsync(body)).Body);
    }

    [Fact]
    public async Task ARejectedStory_CannotBeEdited_ButCanBeWithdrawn()
    {
        var client = app.CreateClient();
        var body = Unique("A story that a moderator decided not to publish, for a reason.");
        var receipt = await Journeys.ShareAndGetReceiptAsync(client, body);
        await ChangeAsync(body, s => s.Reject(RejectionReason.NotATestimony, null, Today));

        var page = await MyStoryJourney.OpenAsync(client, receipt);

        Assert.Contains("Not published", page.QuerySelector(".status-badge")!.TextContent);
        Assert.Null(page.QuerySelector("form#edit-form"));
        Assert.NotNull(page.QuerySelector("form#withdraw-form"));
    }

    [Fact]
    public async Task OpenDataConsent_IsOffByDefault_AndCanBeChangedFromMyStory()
    {
        var client = app.CreateClient();
        var body = Unique("A story whose author later agrees to the open research data set.");
        var receipt = await Journeys.ShareAndGetReceiptAsync(client, body);
        Assert.False((await StoryWithBodyAsync(body)).OpenData);

        var status = await MyStoryJourney.OpenAsync(client, receipt);
        var page = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(status, "form#consent-form"), Html.Values(("OpenData", "true"))));

        Assert.True((await StoryWithBodyAsync(body)).OpenData);
        Assert.Contains("will be included", page.QuerySelector(".notice")!.TextContent);
        var off = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(page, "form#consent-form"), [new("OpenData", null!)]));
        Assert.False((await StoryWithBodyAsync(body)).OpenData);
        Assert.Contains("will not be included", off.QuerySelector(".notice")!.TextContent);
    }

    [Fact]
    public async Task OptingInWhenSharing_IsStoredWithTheStory()
    {
        var client = app.CreateClient();
        var body = Unique("A story shared with the open research data box ticked on the form.");

        await Journeys.ShareAndGetReceiptAsync(client, body, ("Draft.OpenData", "true"));

        Assert.True((await StoryWithBodyAsync(body)).OpenData);
    }

    [Fact]
    public async Task Withdrawal_AsksForConfirmation_ThenDeletesEverything_AndTheReceiptStopsWorking()
    {
        var client = app.CreateClient();
        var body = Unique("A story its author decides to withdraw after it was published.");
        var receipt = await Journeys.ShareAndGetReceiptAsync(client, body, ("Draft.Settings", "online"));
        await ChangeAsync(body, s => s.Approve(Today));
        var story = await StoryWithBodyAsync(body);

        var status = await MyStoryJourney.OpenAsync(client, receipt);
        var confirm = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(status, "form#withdraw-form")));
        Assert.NotNull(await app.WithDbAsync(db => db.Stories.SingleOrDefaultAsync(s => s.Id == story.Id)));
        Assert.Contains("cannot be undone", confirm.Body!.TextContent);
        var done = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(confirm, "form#withdraw-confirm-form")));

        Assert.Contains("has been deleted", done.QuerySelector("h1")!.TextContent);
        Assert.Null(await app.WithDbAsync(db => db.Stories.SingleOrDefaultAsync(s => s.Id == story.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.StoryTags.CountAsync(t => t.StoryId == story.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.ScreeningMarkers.CountAsync(m => m.StoryId == story.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/stories/{story.PublicId}")).StatusCode);
        var reopened = await MyStoryJourney.OpenAsync(client, receipt);
        Assert.NotNull(reopened.QuerySelector("#receipt-error"));
    }

    /// <summary>
    /// The audit found a withdrawn story's public id still in the staff audit log, with the exact
    /// time of each decision, and its support keys in memory for up to two days.
    /// </summary>
    [Fact]
    public async Task Withdrawal_LeavesNoTraceInTheAuditLog_TheDatabaseFiles_OrTheOnceADayKeys()
    {
        var author = app.CreateClient();
        var body = Unique("A story that a moderator decides, readers support, and its author withdraws.");
        var receipt = await Journeys.ShareAndGetReceiptAsync(author, body);
        var publicId = (await StoryWithBodyAsync(body)).PublicId;
        var (moderator, _) = await ModerationJourney.SignedInAsync(app);
        Assert.True(ModerationJourney.WentToQueue(await ModerationJourney.ApproveAsync(moderator, publicId)));
        using (var support = new HttpRequestMessage(HttpMethod.Post, $"/stories/{publicId}/support") { Content = new FormUrlEncodedContent([]) })
        {
            await app.CreateClientFrom("198.51.100.31").SendAsync(support);
        }

        await ReaderJourney.ReportAsync(app.CreateClientFrom("198.51.100.32"), publicId, "Other", "a note");
        var keys = app.Services.GetRequiredService<MeToo.Web.Infrastructure.DailyClientKeys>();
        Assert.True(await keys.CountForAsync(publicId) > 0);
        Assert.True(await app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.StoryPublicId == publicId)));

        await MyStoryJourney.WithdrawAsync(author, receipt);
        var files = await Files.DatabaseFilesAsync(app);

        Assert.False(await app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.StoryPublicId == publicId)));
        Assert.True(await app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Action == StaffActions.StoryApproved && e.StoryPublicId == null)));
        Assert.All(files, f => Assert.False(Files.Contains(f.Value, publicId), $"the withdrawn story's id is still in {f.Key}"));
        Assert.Equal(0, await keys.CountForAsync(publicId));
    }

    [Fact]
    public async Task ChangingYourMindAtTheConfirmation_KeepsTheStory()
    {
        var client = app.CreateClient();
        var body = Unique("A story its author almost withdraws, and then decides to keep.");
        var receipt = await Journeys.ShareAndGetReceiptAsync(client, body);
        var status = await MyStoryJourney.OpenAsync(client, receipt);
        var confirm = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(status, "form#withdraw-form")));

        var back = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(confirm, "form#withdraw-confirm-form"), submitter: "button[formaction*='Open']"));

        Assert.NotNull(back.QuerySelector("form#withdraw-form"));
        Assert.Equal(body, (await StoryWithBodyAsync(body)).Body);
    }
}

public sealed class ReceiptLookupLimitTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory().With("RateLimits:ReceiptLookupsPerClient", "3");

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task WrongReceipts_AreLimitedPerClient_AndTheLimitSaysWhenToTryAgain()
    {
        var guesser = _app.CreateClientFrom("203.0.113.50");
        var other = _app.CreateClientFrom("203.0.113.51");

        for (var i = 0; i < 3; i++)
        {
            var page = await MyStoryJourney.OpenAsync(guesser, $"AAAA-AAAA-AAAA-AAAA-AAA{i}");
            Assert.Contains("could not find a story", page.Body!.TextContent, StringComparison.Ordinal);
        }

        var limited = await MyStoryJourney.OpenAsync(guesser, "AAAA-AAAA-AAAA-AAAA-AAA9");
        var unaffected = await MyStoryJourney.OpenAsync(other, "AAAA-AAAA-AAAA-AAAA-AAA9");

        Assert.Matches(@"try again in about \d+ minutes", limited.Body!.TextContent);
        Assert.Contains("could not find a story", unaffected.Body!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>An author's own steps re-check the receipt each time; only wrong receipts count.</summary>
    [Fact]
    public async Task AnAuthorsOwnSteps_NeverUseUpTheLimit()
    {
        var author = _app.CreateClientFrom("203.0.113.52");
        var receipt = await Journeys.ShareAndGetReceiptAsync(author);

        for (var i = 0; i < 6; i++)
        {
            var page = await MyStoryJourney.OpenAsync(author, receipt);
            Assert.NotNull(page.QuerySelector("form#withdraw-form"));
        }
    }

    [Fact]
    public async Task AReceiptInTheQueryString_IsIgnored()
    {
        var author = _app.CreateClientFrom("203.0.113.53");
        var receipt = await Journeys.ShareAndGetReceiptAsync(author);
        var entry = Html.Form(await Html.GetAsync(author, "/my-story"), "form#receipt-form");
        entry.SetAttribute("action", "/my-story?handler=Open&ReceiptCode=" + Uri.EscapeDataString(receipt));

        var page = await Html.ParseAsync(await Html.SubmitAsync(author, entry, Html.Values(("ReceiptCode", ""))));

        Assert.Null(page.QuerySelector("form#withdraw-form"));
        Assert.NotNull(page.QuerySelector("form#receipt-form"));
    }
}
