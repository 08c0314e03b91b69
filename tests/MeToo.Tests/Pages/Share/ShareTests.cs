using System.Net;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeToo.Tests.Pages.Share;

public sealed class ShareTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static string Unique(string text) => $"{text} {Guid.NewGuid():N}";

    [Fact]
    public async Task Share_ThroughTheRealForm_GivesAReceipt_AndStoresAPendingStory()
    {
        var client = app.CreateClient();
        var body = Unique("I was followed home from the station for weeks, and nobody believed me when I said it.");

        var receipt = await Journeys.ShareAndGetReceiptAsync(client, body, ("Draft.Settings", "public-transport"), ("Draft.Experiences", "stalking"), ("Draft.Year", "2015"), ("Draft.Country", "GB"));

        Assert.True(Receipt.TryParse(receipt, out _), receipt);
        var story = await app.WithDbAsync(db => db.Stories.Include(s => s.Tags).SingleAsync(s => s.Body == body));
        Assert.Equal(StoryStatus.Pending, story.Status);
        Assert.True(story.IsAnonymous);
        Assert.Equal(["public-transport"], story.Settings);
        Assert.Equal(["stalking"], story.Experiences);
        Assert.Equal(2015, story.Year);
        Assert.Equal("GB", story.CountryCode);
        Assert.Equal(DateOnly.FromDateTime(MeTooFactory.DefaultNow.UtcDateTime), story.SubmittedOn);
    }

    [Fact]
    public async Task PendingStory_IsNotPublic_OnTheListTheHomePageOrItsOwnUrl()
    {
        var client = app.CreateClient();
        var body = Unique("A story that must stay private until a moderator has read it carefully.");
        await Journeys.ShareAndGetReceiptAsync(client, body);
        var publicId = await app.WithDbAsync(db => db.Stories.Where(s => s.Body == body).Select(s => s.PublicId).SingleAsync());

        var list = await client.GetStringAsync("/stories");
        var home = await client.GetStringAsync("/");
        var own = await client.GetAsync($"/stories/{publicId}");

        Assert.DoesNotContain(publicId, list);
        Assert.DoesNotContain(publicId, home);
        Assert.DoesNotContain("must stay private", list + home);
        Assert.Equal(HttpStatusCode.NotFound, own.StatusCode);
        Assert.DoesNotContain("must stay private", await own.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StoredReceiptHash_MatchesTheReceiptTypedBackInLowerCaseWithSpaces()
    {
        var client = app.CreateClient();
        var body = Unique("Someone I trusted crossed a line and then told me I had imagined it all.");
        var receipt = await Journeys.ShareAndGetReceiptAsync(client, body);
        var typed = receipt.ToLowerInvariant().Replace("-", " ");

        Assert.True(Receipt.TryParse(typed, out var parsed));
        var hash = app.Services.GetRequiredService<ReceiptHasher>().Hash(parsed);
        var stored = await app.WithDbAsync(db => db.Stories.Where(s => s.Body == body).Select(s => s.ReceiptHash).SingleAsync());
        Assert.Equal(hash, stored);
        Assert.DoesNotContain(parsed.Canonical, await app.DatabaseContentsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preview_ShowsTheStory_AndCarriesTheDraftOnlyInHiddenFields()
    {
        var client = app.CreateClient();
        var body = Unique("The preview should show exactly this text before anything is stored.");
        var before = await app.WithDbAsync(db => db.Stories.CountAsync());

        var preview = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", body), ("Draft.Title", "My title")));
        var response = await client.GetAsync("/share");

        Assert.Contains(body, preview.QuerySelector("article.story")!.TextContent);
        Assert.Equal(body, preview.QuerySelector("form#share-form input[name='Draft.Body']")!.GetAttribute("value"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Stories.CountAsync()));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task GoingBackToEdit_KeepsEveryValue()
    {
        var client = app.CreateClient();
        var preview = await Journeys.PreviewAsync(client, Html.Values(
            ("Draft.Body", Journeys.SampleBody), ("Draft.Title", "Kept title"), ("Draft.Anonymous", "false"),
            ("Draft.DisplayName", "River"), ("Draft.Settings", "online"), ("Draft.Settings", "school"), ("Draft.Year", "2012")));

        var response = await Html.SubmitAsync(client, Html.Form(preview, "form#share-form"), submitter: "button[formaction*='Edit']");
        var form = await Html.ParseAsync(response);

        Assert.Equal(Journeys.SampleBody, form.QuerySelector("textarea#Draft_Body")!.TextContent.Trim());
        Assert.Equal("Kept title", form.QuerySelector("#Draft_Title")!.GetAttribute("value"));
        Assert.Equal("River", form.QuerySelector("#Draft_DisplayName")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("#Draft_Anonymous_false[checked]"));
        Assert.NotNull(form.QuerySelector("input[name='Draft.Settings'][value='online'][checked]"));
        Assert.NotNull(form.QuerySelector("input[name='Draft.Settings'][value='school'][checked]"));
        Assert.Equal("2012", form.QuerySelector("#Draft_Year")!.GetAttribute("value"));
    }

    [Fact]
    public async Task NamedStory_KeepsTheName_AndAnonymousStory_DropsAnyNameTyped()
    {
        var client = app.CreateClient();
        var named = Unique("A story shared under a nickname the author chose for herself.");
        var anonymous = Unique("A story shared anonymously even though a name was typed first.");

        await Journeys.ShareAndGetReceiptAsync(client, named, ("Draft.Anonymous", "false"), ("Draft.DisplayName", "Quiet River"));
        await Journeys.ShareAndGetReceiptAsync(client, anonymous, ("Draft.Anonymous", "true"), ("Draft.DisplayName", "Jane Realname"));

        Assert.Equal("Quiet River", await app.WithDbAsync(db => db.Stories.Where(s => s.Body == named).Select(s => s.DisplayName).SingleAsync()));
        Assert.Null(await app.WithDbAsync(db => db.Stories.Where(s => s.Body == anonymous).Select(s => s.DisplayName).SingleAsync()));
        Assert.DoesNotContain("Jane Realname", await app.DatabaseContentsAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string> InvalidDrafts => new()
    {
        { "Draft.Body", "", "Draft_Body", "Please write your story." },
        { "Draft.Body", "Too short.", "Draft_Body", "at least 30 characters" },
        { "Draft.Body", new string('x', 20_001), "Draft_Body", "The limit is 20,000" },
        { "Draft.Body", new string('a', 100 * 1024), "Draft_Body", "The limit is 20,000" },
        { "Draft.Body", "   \n\n\t  \u200B\u200B   \r\n  ", "Draft_Body", "Please write your story." },
        { "Draft.Title", new string('t', 121), "Draft_Title", "title to 120 characters" },
        { "Draft.Year", "1899", "Draft_Year", "from 1900 on" },
        { "Draft.Year", "2027", "Draft_Year", "cannot be in the future" },
        { "Draft.Year", "twenty", "Draft_Year", "four digits" },
        { "Draft.Country", "ZZ", "Draft_Country", "choose a country from the list" },
        { "Draft.Settings", "the-moon", "Draft_Settings", "choose settings from the list" },
        { "Draft.Experiences", "nothing-real", "Draft_Experiences", "choose experiences from the list" },
        { "Draft.ContentWarnings", "made-up", "Draft_ContentWarnings", "choose content warnings from the list" },
    };

    [Theory]
    [MemberData(nameof(InvalidDrafts))]
    public async Task InvalidInput_ShowsItsMessageBesideTheFieldAndInTheSummary_AndStoresNothing(string field, string value, string fieldId, string message)
    {
        var client = app.CreateClient();
        var before = await app.WithDbAsync(db => db.Stories.CountAsync());
        var values = field == "Draft.Body"
            ? Html.Values((field, value))
            : Html.Values(("Draft.Body", Journeys.SampleBody), (field, value));

        var page = await Journeys.PreviewAsync(client, values);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode());
        var summary = page.QuerySelector(".error-summary");
        Assert.NotNull(summary);
        Assert.Contains(message, summary.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(summary.QuerySelector($"a[href='#{fieldId}']"));
        var besideField = page.QuerySelectorAll(".field-error").Select(e => e.TextContent);
        Assert.Contains(besideField, text => text.Contains(message, StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(page.QuerySelector($"#{fieldId}"));
        Assert.Equal(before, await app.WithDbAsync(db => db.Stories.CountAsync()));
    }

    [Theory]
    [InlineData(20_001)]
    [InlineData(100 * 1024)]
    public async Task AStoryOverTheLimit_IsGivenBackWhole_SoNoWordIsLost(int length)
    {
        var client = app.CreateClient();
        var body = (Guid.NewGuid().ToString("N") + string.Concat(Enumerable.Repeat(" Every word of this matters to me.", length / 34 + 1)))[..length];

        var page = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", body), ("Draft.Title", "Kept whole")));

        Assert.Equal(body.TrimEnd(), page.QuerySelector("textarea#Draft_Body")!.TextContent);
        Assert.Equal("Kept whole", page.QuerySelector("#Draft_Title")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("form[action*='handler=Submit']"));
    }

    [Fact]
    public async Task SubmittingAnInvalidDraftDirectly_StoresNothing()
    {
        var client = app.CreateClient();
        var form = Html.Form(await Html.GetAsync(client, "/share"), "form#share-form");
        var before = await app.WithDbAsync(db => db.Stories.CountAsync());
        var token = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

        var response = await client.PostAsync("/share?handler=Submit", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", token),
            new("Draft.Body", "short"),
        ]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at least 30 characters", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Stories.CountAsync()));
    }

    [Fact]
    public async Task DisplayName_WithALinkOrEmail_OrTooLong_OrMissing_IsRefused()
    {
        var client = app.CreateClient();
        foreach (var (name, message) in new[]
        {
            ("me@example.org", "cannot contain a link or an email"),
            ("see www.example.com", "cannot contain a link or an email"),
            ("https://x.y", "cannot contain a link or an email"),
            ("myblog.com", "cannot contain a link or an email"),
            (new string('n', 41), "name to 40 characters"),
            ("   ", "Choose a name to show"),
        })
        {
            var page = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", Journeys.SampleBody), ("Draft.Anonymous", "false"), ("Draft.DisplayName", name)));

            Assert.Contains(message, page.QuerySelector(".error-summary")?.TextContent ?? "(no summary)", StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PostWithoutAntiforgeryToken_IsRefused_WithAFriendlyPage_AndStoresNothing()
    {
        var client = app.CreateClient();
        var before = await app.WithDbAsync(db => db.Stories.CountAsync());

        var response = await client.PostAsync("/share?handler=Submit", new FormUrlEncodedContent([new("Draft.Body", Journeys.SampleBody)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Nothing was saved", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await app.WithDbAsync(db => db.Stories.CountAsync()));
    }

    [Fact]
    public async Task HostileText_IsStoredAsText_AndRenderedInert()
    {
        var client = app.CreateClient();
        var marker = Guid.NewGuid().ToString("N");
        var hostile = $"<script>alert('{marker}')</script> <b onmouseover=\"x()\">bold</b> <a href=\"javascript:alert(1)\">click</a> \u202Egnp.exe\u202C and zero\u200Bwidth and bell\u0007 — this is long enough.";

        await Journeys.ShareAndGetReceiptAsync(client, hostile, ("Draft.Title", "<img src=x onerror=alert(1)>"));
        var story = await app.WithDbAsync(async db =>
        {
            var stored = await db.Stories.Include(s => s.Tags).SingleAsync(s => s.Body.Contains(marker));
            stored.Approve(DateOnly.FromDateTime(MeTooFactory.DefaultNow.UtcDateTime));
            await db.SaveChangesAsync();
            return stored;
        });

        Assert.Contains($"<script>alert('{marker}')</script>", story.Body);
        Assert.DoesNotContain('\u202E', story.Body);
        Assert.DoesNotContain('\u200B', story.Body);
        Assert.DoesNotContain('\u0007', story.Body);
        var page = await Html.GetAsync(client, $"/stories/{story.PublicId}");
        var article = page.QuerySelector("article.story")!;
        Assert.Empty(article.QuerySelectorAll("script, b, a[href^='javascript'], img"));
        Assert.Contains($"<script>alert('{marker}')</script>", article.TextContent);
        Assert.Equal("<img src=x onerror=alert(1)>", page.QuerySelector("h1")!.TextContent);
    }
    /// <summary>The audit's double click: two sends of the same preview at the same moment made two stories.</summary>
    [Fact]
    public async Task TwoSendsOfOnePreview_AtTheSameMoment_MakeOneStory_AndShowTheSameReceipt()
    {
        var client = app.CreateClient();
        var body = $"A story sent with a double click on the final button. {Guid.NewGuid():N}";
        var preview = await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", body)));
        var form = Html.Form(preview, "form#share-form");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Html.SubmitAsync(client, form)));
        var receipts = new List<string>();
        foreach (var answer in answers)
        {
            receipts.Add((await Html.ParseAsync(answer)).QuerySelector("#receipt-code")!.TextContent.Trim());
        }

        Assert.Single(receipts.Distinct());
        Assert.Equal(1, await app.WithDbAsync(db => db.Stories.CountAsync(s => s.Body == body)));
        Assert.NotNull(preview.QuerySelector("form#share-form[data-submit-once]"));
    }
}


internal static class DocumentExtensions
{
    public static HttpStatusCode StatusCode(this AngleSharp.Html.Dom.IHtmlDocument document) =>
        (HttpStatusCode)document.StatusCode;

}
