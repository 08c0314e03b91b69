using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Tests.Pages;

/// <summary>
/// A story's own language (issue 14): chosen on the share form, the page's language until the author
/// chooses, stored as a stable code, kept through edits, marked on the page for screen readers,
/// filtered on in browse and search on both engines, and a quasi-identifier (privacy rule 15) in the
/// small-group warning, the statistics and the open data.
/// </summary>
public sealed class StoryLanguageTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory().With("RateLimits:SignInsPerAddress", "1000");

    public void Dispose() => _app.Dispose();

    private static string Body(string words) => $"{words} It happened at work and nobody listened to me then. {Guid.NewGuid():N}";

    private async Task<string?> StoredLanguageAsync(string body) =>
        await _app.WithDbAsync(db => db.Stories.Where(s => s.Body == body).Select(s => s.Language).SingleOrDefaultAsync());

    [Theory]
    [InlineData("", "en")]
    [InlineData("/es", "es")]
    [InlineData("/fr", "fr")]
    public async Task TheShareForm_ProposesThePagesLanguage_AndTheStoryKeepsIt(string prefix, string expected)
    {
        var client = _app.CreateClient();
        var form = await Html.GetAsync(client, $"{prefix}/share");
        var select = form.QuerySelector("select#Draft_Language")!;
        Assert.Equal(expected, select.QuerySelector("option[selected]")!.GetAttribute("value"));
        Assert.Equal(["de", "en", "es", "fr", "it", "pt"], select.QuerySelectorAll("option").Select(o => o.GetAttribute("value")!).Order(StringComparer.Ordinal));

        var body = Body("A story shared without touching the language.");
        var preview = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(form, "form#share-form"), Html.Values(("Draft.Body", body))));
        await Html.SubmitAsync(client, Html.Form(preview, "form#share-form"));

        Assert.Equal(expected, await StoredLanguageAsync(body));
    }

    [Fact]
    public async Task AStoryWrittenInAnotherLanguage_IsMarkedSo_OnItsPage_AndInTheList()
    {
        var body = Body("Una historia escrita en español, compartida desde la página en inglés.");
        var (publicId, _) = await ModerationJourney.SharedStoryAsync(_app, body, ("Draft.Language", "es"), ("Draft.Title", "Lo que nadie vio"));
        var (admin, _) = await ModerationJourney.SignedInAsync(_app, StaffRoles.Moderator);
        await ModerationJourney.ApproveAsync(admin, publicId);

        var english = await Html.GetAsync(_app.CreateClient(), $"/stories/{publicId}");
        var spanish = await Html.GetAsync(_app.CreateClient(), $"/es/stories/{publicId}");
        var list = await Html.GetAsync(_app.CreateClient(), "/stories");

        // On an English page the text says it is Spanish (a screen reader switches voice) and the meta line names it.
        Assert.All(english.QuerySelectorAll("article.story > p:not(.story-meta)"), p => Assert.Equal("es", p.GetAttribute("lang")));
        Assert.Equal("es", english.QuerySelector("h1#story-title")!.GetAttribute("lang"));
        Assert.Contains("Spanish", english.QuerySelector(".story-meta")!.TextContent, StringComparison.Ordinal);
        // On a Spanish page it is the page's own language: nothing to mark.
        Assert.Null(spanish.QuerySelector("article.story p[lang]"));
        Assert.DoesNotContain("Español", spanish.QuerySelector(".story-meta")!.TextContent, StringComparison.OrdinalIgnoreCase);
        var card = list.QuerySelectorAll("article.story").Single(a => a.QuerySelector($"a[href='/stories/{publicId}']") is not null);
        Assert.Equal("es", card.QuerySelector("a.story-link")!.GetAttribute("lang"));

        // A story with no title shows the site's own words in the page's language: nothing to mark.
        var untitled = Body("Otra historia en español, esta vez sin título.");
        var (untitledId, _) = await ModerationJourney.SharedStoryAsync(_app, untitled, ("Draft.Language", "es"));
        await ModerationJourney.ApproveAsync(admin, untitledId);
        var untitledPage = await Html.GetAsync(_app.CreateClient(), $"/stories/{untitledId}");
        Assert.Null(untitledPage.QuerySelector("h1#story-title")!.GetAttribute("lang"));
        Assert.All(untitledPage.QuerySelectorAll("article.story > p:not(.story-meta)"), p => Assert.Equal("es", p.GetAttribute("lang")));
        var feed = System.Xml.Linq.XDocument.Parse(await _app.CreateClient().GetStringAsync("/feed.atom"));
        var title = feed.Descendants().Single(e => e.Name.LocalName == "title" && e.Value == "Lo que nadie vio");
        Assert.Equal("es", (string?)title.Attribute(System.Xml.Linq.XNamespace.Xml + "lang"));
    }

    [Fact]
    public async Task BrowseAndSearch_FilterByTheStorysLanguage_NotThePages()
    {
        var day = new DateOnly(2026, 2, 10);
        var word = "zumbido" + Guid.NewGuid().ToString("N")[..6];
        await _app.WithDbAsync(async db =>
        {
            await Harness.Stories.AddAsync(db, 3, day, day, i => Harness.Stories.Content($"Una historia en español, {word} número {i}. {Guid.NewGuid():N}", language: "es"));
            await Harness.Stories.AddAsync(db, 2, day, day, i => Harness.Stories.Content($"Une histoire en français, {word} numéro {i}. {Guid.NewGuid():N}", language: "fr"));
            await Harness.Stories.AddAsync(db, 4, day, day, i => Harness.Stories.Content($"A story in English, {word} number {i}. {Guid.NewGuid():N}"));
        });
        async Task<List<string>> ListedAsync(string url) =>
            [.. (await Html.GetAsync(_app.CreateClient(), url)).QuerySelectorAll("article.story").Select(a => a.TextContent)];

        var french = await ListedAsync("/stories?language=fr");
        var frenchOnASpanishPage = await ListedAsync("/es/stories?language=fr");
        var spanishSearch = await ListedAsync($"/stories?q={word}&language=es");
        var spanishByRelevance = await ListedAsync($"/stories?q={word}&language=es&sort=relevant");
        var everySearch = await ListedAsync($"/stories?q={word}");
        var unknown = await ListedAsync("/stories?language=xx");
        var filterPage = await Html.GetAsync(_app.CreateClient(), "/stories?language=fr");

        Assert.Equal(2, french.Count);
        Assert.All(french, text => Assert.Contains("Une histoire en français", text, StringComparison.Ordinal));
        Assert.Equal(2, frenchOnASpanishPage.Count);
        Assert.Equal(3, spanishSearch.Count);
        Assert.All(spanishSearch, text => Assert.Contains("Una historia en español", text, StringComparison.Ordinal));
        Assert.Equal(3, spanishByRelevance.Count);
        Assert.Equal(9, everySearch.Count);
        Assert.Equal(9, unknown.Count); // an unknown code is dropped, not trusted
        Assert.Equal("fr", filterPage.QuerySelector("select#language option[selected]")!.GetAttribute("value"));
        Assert.Equal("/es/stories?language=fr", filterPage.QuerySelector("link[hreflang='es']")!.GetAttribute("href")); // the same filter in another language
    }

    [Fact]
    public async Task ALanguageNotOnTheList_GetsAClearMessage_AndNothingIsStored()
    {
        var client = _app.CreateClient();
        var body = Body("A story sent with a language that is not on the list.");
        var form = Html.Form(await Html.GetAsync(client, "/share"), "form#share-form");

        var page = await Html.ParseAsync(await Html.SubmitAsync(client, form, Html.Values(("Draft.Body", body), ("Draft.Language", "klingon"))));

        Assert.Contains("Please choose the language of your story from the list.", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form#share-form textarea#Draft_Body"));
        Assert.Null(await StoredLanguageAsync(body));
    }

    [Fact]
    public async Task TheAuthor_CanChangeTheLanguage_AndAnEditOfAPublishedStoryCarriesIt()
    {
        var body = Body("A story whose author later says it is in Portuguese.");
        var (publicId, receipt) = await ModerationJourney.SharedStoryAsync(_app, body);
        var (admin, _) = await ModerationJourney.SignedInAsync(_app, StaffRoles.Moderator);
        await ModerationJourney.ApproveAsync(admin, publicId);
        var client = _app.CreateClient();

        var edit = await MyStoryJourney.EditAsync(client, receipt, ("Draft.Language", "pt"));
        Assert.Equal("en", await StoredLanguageAsync(body)); // the published version stays up while the edit waits
        Assert.Equal("pt", await _app.WithDbAsync(db => db.Stories.Where(s => s.PublicId == publicId).Select(s => s.PendingRevision!.Language).SingleAsync()));
        Assert.NotNull(edit.QuerySelector("body"));

        await ModerationJourney.ApproveAsync(admin, publicId);
        Assert.Equal("pt", await StoredLanguageAsync(body));
        var status = await MyStoryJourney.OpenAsync(client, receipt);
        Assert.Contains("Portuguese", status.QuerySelector(".story-meta")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePreview_CountsTheLanguage_InTheSmallGroupWarning()
    {
        var client = _app.CreateClient();
        var day = new DateOnly(2026, 1, 5);
        await _app.WithDbAsync(db => Harness.Stories.AddAsync(db, 12, day, day, _ => Harness.Stories.Content(settings: ["school"], country: "IE", year: 2011)));
        (string, string)[] Draft(string language) =>
            [("Draft.Body", Journeys.SampleBody), ("Draft.Country", "IE"), ("Draft.Year", "2011"), ("Draft.Settings", "school"), ("Draft.Language", language)];

        var inEnglish = await Journeys.PreviewAsync(client, Html.Values(Draft("en")));
        var inPortuguese = await Journeys.PreviewAsync(client, Html.Values(Draft("pt")));

        Assert.Null(inEnglish.QuerySelector(".small-group"));
        Assert.NotNull(inPortuguese.QuerySelector(".small-group")); // twelve from Ireland in 2011 at school, none in Portuguese
    }

    [Fact]
    public async Task TheStatistics_CountStoriesByLanguage_Exactly_ForEachStoryCanBeRead()
    {
        var day = new DateOnly(2026, 3, 1);
        await _app.WithDbAsync(async db =>
        {
            await Harness.Stories.AddAsync(db, 11, day, day, _ => Harness.Stories.Content(Body("In English."), language: "en"));
            await Harness.Stories.AddAsync(db, 3, day, day, _ => Harness.Stories.Content(Body("En español."), language: "es"));
        });

        var page = await Html.GetAsync(_app.CreateClient(), "/stats");
        var rows = page.QuerySelectorAll("#by-language table tbody tr")
            .Select(r => r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList())
            .ToDictionary(c => c[0], c => c[1]);

        Assert.Equal("11", rows["English"]);
        Assert.Equal("3", rows["Spanish"]); // published stories are public one by one: the list in Spanish shows these three
        Assert.Equal("0", rows["French"]);
    }

    [Fact]
    public async Task TheConfiguredList_IsTheList()
    {
        using var app = new MeTooFactory().With("Languages:Stories:0", "en").With("Languages:Stories:1", "de");

        var form = await Html.GetAsync(app.CreateClient(), "/share");

        Assert.Equal(["de", "en"], form.QuerySelectorAll("select#Draft_Language option").Select(o => o.GetAttribute("value")!).Order(StringComparer.Ordinal));
        Assert.Equal("German", form.QuerySelector("select#Draft_Language option[value='de']")!.TextContent);
    }

    [Fact]
    public async Task AModerator_SaysWhichLanguagesTheyRead_AndTheQueueShowsOnlyThose_WhenAsked()
    {
        var french = Body("Une histoire en français pour la file.");
        var spanish = Body("Una historia en español para la cola.");
        var portuguese = Body("Uma história em português para a fila.");
        await ModerationJourney.SharedStoryAsync(_app, french, ("Draft.Language", "fr"), ("Draft.Title", "Titre français"));
        await ModerationJourney.SharedStoryAsync(_app, spanish, ("Draft.Language", "es"), ("Draft.Title", "Título español"));
        var (portugueseId, _) = await ModerationJourney.SharedStoryAsync(_app, portuguese, ("Draft.Language", "pt"), ("Draft.Title", "Título português"));
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app, StaffRoles.Moderator);

        var before = await Html.GetAsync(moderator, "/moderation");
        Assert.NotNull(before.QuerySelector("#languages-unset a[href='/account#languages']"));
        Assert.Null(before.QuerySelector("#language option[value='mine']"));

        var account = await Html.GetAsync(moderator, "/account");
        var saved = await Html.SubmitAsync(moderator, Html.Form(account, "form#languages-form"), Html.Values(("Read", "fr"), ("Read", "es"), ("Read", "xx")));
        var after = await Html.GetAsync(moderator, saved.Headers.Location!.OriginalString);
        Assert.NotNull(after.QuerySelector("#languages-saved"));
        Assert.Equal(["es", "fr"], after.QuerySelectorAll("form#languages-form input[name='Read'][checked]").Select(i => i.GetAttribute("value")!).Order(StringComparer.Ordinal));

        List<string> Titles(AngleSharp.Html.Dom.IHtmlDocument page) => [.. page.QuerySelectorAll("#queue a.review-link").Select(a => a.TextContent.Trim())];
        var whole = await Html.GetAsync(moderator, "/moderation");
        var mine = await Html.GetAsync(moderator, "/moderation?language=mine");
        var onlyPortuguese = await Html.GetAsync(moderator, "/moderation?language=pt");

        Assert.Equal(3, Titles(whole).Count);
        Assert.Equal(["Titre français", "Título español"], Titles(mine).Order(StringComparer.Ordinal));
        Assert.Contains("Showing 2 of the 3 waiting stories.", mine.QuerySelector("#queue-filtered")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Spanish", mine.QuerySelector("#language option[value='mine']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Título português"], Titles(onlyPortuguese));
        Assert.Contains("Portuguese", whole.QuerySelectorAll("#queue .queue-language").Select(s => s.TextContent));

        var review = await ModerationJourney.OpenAsync(moderator, portugueseId);
        Assert.Contains("written in Portuguese", review.QuerySelector("#review-language")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(review.QuerySelector("#not-your-language"));
    }
}
