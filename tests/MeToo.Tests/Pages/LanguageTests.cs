using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Tests.Pages;

/// <summary>
/// Spanish and French beside English (issue 14): the language is the first segment of the path and
/// nothing else; every text of the interface has a translation in every language; every page renders
/// in each without a text left in English; links, forms, redirects, the feed and the cache stay in the
/// reader's language; an author's draft or receipt survives a change of language.
/// </summary>
public sealed partial class LanguageTests : IDisposable
{
    public static readonly TheoryData<string> Languages = ["es", "fr"];

    private readonly MeTooFactory _app = new MeTooFactory().With("RateLimits:SignInsPerAddress", "1000");

    public void Dispose() => _app.Dispose();

    private static string Root()
    {
        var folder = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(folder, "MeToo.sln")))
        {
            folder = Path.GetDirectoryName(folder.TrimEnd(Path.DirectorySeparatorChar)) ?? throw new InvalidOperationException("MeToo.sln not found above the test folder.");
        }

        return folder;
    }

    private static Dictionary<string, string> Resources(string language)
    {
        var file = Path.Combine(Root(), "src", "MeToo.Web", "Resources", language.Length == 0 ? "SharedResource.resx" : $"SharedResource.{language}.resx");
        return XDocument.Load(file).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);
    }

    [GeneratedRegex("""(?<![A-Za-z_])(?:L|l|localizer)\[\s*"((?:[^"\\]|\\.)*)"\s*[\],]""")]
    private static partial Regex LocalizedLiteral();

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex Placeholder();

    /// <summary>Every English text the code asks the localizer for, as a literal.</summary>
    private static HashSet<string> TextsInTheCode()
    {
        var source = Path.Combine(Root(), "src", "MeToo.Web");
        var files = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (Match match in LocalizedLiteral().Matches(File.ReadAllText(file)))
            {
                texts.Add(Regex.Unescape(match.Groups[1].Value));
            }
        }

        return texts;
    }

    /// <summary>Texts that are the same word in a language as in English; anything else left as its English key fails.</summary>
    private static readonly Dictionary<string, string[]> SameAsEnglish = new()
    {
        ["es"] = ["Spam"],
        ["fr"] = ["Spam", "Code", "Actions", "Suicide"],
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public void EveryTextOfTheInterface_HasATranslation_WithTheSamePlaceholders(string language)
    {
        var translated = Resources(language);
        var missing = TextsInTheCode().Concat(Resources(string.Empty).Keys).Where(text => !translated.ContainsKey(text)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} texts have no {language} translation in Resources/SharedResource.{language}.resx:\n" + string.Join('\n', missing));

        var leftInEnglish = translated.Where(t => t.Key == t.Value && !SameAsEnglish[language].Contains(t.Key)).Select(t => t.Key).ToList();
        Assert.True(leftInEnglish.Count == 0, $"Left in English in {language}:\n" + string.Join('\n', leftInEnglish));

        // A placeholder lost or added would throw when the page formats the text: a 500 in one language only.
        var english = Resources(string.Empty);
        var broken = translated
            .Where(t => !Placeholder().Matches(english.GetValueOrDefault(t.Key, t.Key)).Select(m => m.Value).Order().SequenceEqual(Placeholder().Matches(t.Value).Select(m => m.Value).Order()))
            .Select(t => t.Key)
            .ToList();
        Assert.True(broken.Count == 0, $"Placeholders differ from the English in {language}:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void EveryLanguage_TranslatesTheSameTexts_AndNoTextTheCodeNoLongerUses()
    {
        var spanish = Resources("es").Keys.ToHashSet(StringComparer.Ordinal);
        var french = Resources("fr").Keys.ToHashSet(StringComparer.Ordinal);
        Assert.Empty(spanish.Except(french));
        Assert.Empty(french.Except(spanish));

        // Texts the code asks for by a computed name (labels of reasons, markers, details) are found
        // by the pages test below; here, only what no source file mentions at all is stale.
        var source = string.Concat(Directory.EnumerateFiles(Path.Combine(Root(), "src", "MeToo.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains("CompiledModels", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var taxonomy = Resources(string.Empty).Keys.ToHashSet(StringComparer.Ordinal);
        var stale = spanish.Where(key => !taxonomy.Contains(key) && !source.Contains(Escape(key), StringComparison.Ordinal)).ToList();
        Assert.True(stale.Count == 0, "Translated texts the code no longer uses:\n" + string.Join('\n', stale));
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    /// <summary>The warnings the app logged for texts it had to show in English in another language.</summary>
    private List<string> Untranslated() =>
    [
        .. _app.Logs.Events
            .Where(e => e.MessageTemplate.Text.StartsWith("No {Culture} translation", StringComparison.Ordinal))
            .Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture))
            .Distinct(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task EveryPage_RendersInTheLanguage_WithNoTextLeftInEnglish(string language)
    {
        var stories = await _app.WithDbAsync(db => Harness.Stories.AddAsync(db, 3, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), i => Harness.Stories.Content(
            $"A story for the languages test, number {i}, long enough to be a story.", warnings: i == 0 ? ["self-harm"] : [], title: i == 1 ? "A title" : null)));
        var reader = _app.CreateClient();
        var pages = new List<string>
        {
            "/", "/stories", "/stories?q=languages", "/stories?q=languages&sort=relevant", "/stories?q=%21", "/stories?sort=supported",
            $"/stories/{stories[0].PublicId}", $"/stories/{stories[1].PublicId}", "/share", "/my-story", "/stats", "/stats?by=day",
            "/stats?by=month", "/help", "/safety", "/guidelines", "/privacy", "/about", "/translation?page=/es/stories", "/account/login",
        };
        foreach (var page in pages)
        {
            var response = await reader.GetAsync($"/{language}{page}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"/{language}{page} answered {(int)response.StatusCode}");
            var document = await Html.ParseAsync(response);
            Assert.Equal(language, document.DocumentElement.GetAttribute("lang"));
            Assert.Equal("ltr", document.DocumentElement.GetAttribute("dir"));
        }

        var notFound = await reader.GetAsync($"/{language}/nowhere");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(language, (await Html.ParseAsync(notFound)).DocumentElement.GetAttribute("lang"));

        // The author's steps: errors, the preview with its warnings, the receipt, My story.
        var author = _app.CreateClient();
        var form = Html.Form(await Html.GetAsync(author, $"/{language}/share"), "form#share-form");
        var errors = await Html.ParseAsync(await Html.SubmitAsync(author, form, Html.Values(("Draft.Body", "short"), ("Draft.Year", "3000"))));
        Assert.NotEmpty(errors.QuerySelectorAll(".field-error"));
        var preview = await Html.ParseAsync(await Html.SubmitAsync(author, form, Html.Values(
            ("Draft.Body", "My manager Jane Smith called me on 07700 900123 and wrote to jane@example.org about it, at work."), ("Draft.Country", "GB"), ("Draft.Year", "2019"), ("Draft.Settings", "workplace"))));
        var receiptPage = await Html.ParseAsync(await Html.SubmitAsync(author, Html.Form(preview, "form#share-form")));
        var receipt = receiptPage.QuerySelector("#receipt-code")!.TextContent.Trim();
        var status = await Html.ParseAsync(await Html.SubmitAsync(author, Html.Form(await Html.GetAsync(author, $"/{language}/my-story"), "form#receipt-form"), Html.Values(("ReceiptCode", receipt))));
        await Html.SubmitAsync(author, Html.Form(status, "form#edit-form"));
        await Html.SubmitAsync(author, Html.Form(status, "form#withdraw-form"));

        // Staff pages.
        var (admin, _) = await ModerationJourney.SignedInAsync(_app, StaffRoles.Admin);
        await ReaderJourney.ReportAsync(_app.CreateClientFrom("198.51.100.61"), stories[0].PublicId, "IdentifiesSomeone", "They are named.");
        var pendingId = await _app.WithDbAsync(db => db.Stories.Where(s => s.Status == StoryStatus.Pending).Select(s => s.PublicId).FirstAsync());
        foreach (var page in new[]
        {
            "/account", "/account/twofactor", "/account/changepassword", "/moderation", $"/moderation/review/{pendingId}", "/moderation/reports",
            "/moderation/audit", "/admin", "/admin/moderators", "/admin/settings", "/admin/words", "/admin/bulk", "/admin/export", "/admin/helplines", "/admin/translations",
        })
        {
            var response = await admin.GetAsync($"/{language}{page}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"/{language}{page} answered {(int)response.StatusCode}");
            Assert.Equal(language, (await Html.ParseAsync(response)).DocumentElement.GetAttribute("lang"));
        }

        var untranslated = Untranslated().Where(w => w.Contains($"\"{language}\"", StringComparison.Ordinal)).ToList();
        Assert.True(untranslated.Count == 0, "Texts shown in English:\n" + string.Join('\n', untranslated));
    }

    [Fact]
    public async Task OnlyThePath_ChoosesTheLanguage()
    {
        var client = _app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/stories?culture=es&ui-culture=fr");
        request.Headers.AcceptLanguage.ParseAdd("es-ES,es;q=0.9");
        request.Headers.Add("Cookie", ".AspNetCore.Culture=c%3Dfr%7Cuic%3Dfr");
        var english = await Html.ParseAsync(await client.SendAsync(request));
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Stories", english.QuerySelector("nav.site-nav")!.TextContent, StringComparison.Ordinal);

        var spanish = await Html.GetAsync(client, "/es/stories");
        Assert.Equal("es", spanish.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Relatos", spanish.QuerySelector("nav.site-nav")!.TextContent, StringComparison.Ordinal);
        var french = await Html.GetAsync(client, "/FR/stories");
        Assert.Equal("fr", french.DocumentElement.GetAttribute("lang"));

        // A language that is not offered is just a page that does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/de/stories")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task LinksFormsRedirectsAndTheFeed_StayInTheLanguage(string language)
    {
        var story = (await _app.WithDbAsync(db => Harness.Stories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2))))[0];
        var client = _app.CreateClient();
        foreach (var page in new[] { "/", "/stories", $"/stories/{story.PublicId}", "/help", "/my-story" })
        {
            var document = await Html.GetAsync(client, $"/{language}{page}");
            var outside = document.QuerySelectorAll("a[href^='/']").Where(a => a.Closest("nav.language-picker") is null)
                .Select(a => a.GetAttribute("href")!)
                .Concat(document.QuerySelectorAll("form[action^='/']").Select(f => f.GetAttribute("action")!))
                .Where(url => !url.StartsWith($"/{language}/", StringComparison.Ordinal) && url != $"/{language}/")
                .ToList();
            Assert.True(outside.Count == 0, $"On /{language}{page}, links and forms that leave the language:\n" + string.Join('\n', outside));
        }

        // Support without JavaScript comes back to the story in the language.
        var supported = await client.PostAsync($"/{language}/stories/{story.PublicId}/support", new FormUrlEncodedContent([]));
        Assert.Equal($"/{language}/stories/{story.PublicId}?supported=1#support", supported.Headers.Location?.OriginalString);
        var thanks = await Html.GetAsync(client, $"/{language}/stories/{story.PublicId}?supported=1");
        Assert.Equal(language, thanks.DocumentElement.GetAttribute("lang"));

        // The feed links to the language's pages, and says its language.
        var feed = XDocument.Parse(await client.GetStringAsync($"/{language}/feed.atom"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(language, (string?)feed.Root!.Attribute(XNamespace.Xml + "lang"));
        Assert.EndsWith($"/{language}/stories/{story.PublicId}", (string?)feed.Root.Element(atom + "entry")!.Element(atom + "link")!.Attribute("href"), StringComparison.Ordinal);

        // A staff member signing in under the language is sent back to it.
        var (_, name) = await ModerationJourney.SignedInAsync(_app);
        var staff = _app.CreateClient();
        var toLogin = await staff.GetAsync($"/{language}/moderation");
        var loginAddress = toLogin.Headers.Location!.IsAbsoluteUri ? toLogin.Headers.Location.PathAndQuery : toLogin.Headers.Location.OriginalString;
        Assert.StartsWith($"/{language}/account/login?ReturnUrl=%2F{language}%2Fmoderation", loginAddress, StringComparison.Ordinal);
        var login = Html.Form(await Html.GetAsync(staff, loginAddress), "form#login-form");
        var signedIn = await Html.SubmitAsync(staff, login, Html.Values(("Username", name), ("Password", StaffJourney.Password)));
        Assert.Equal($"/{language}/moderation", signedIn.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TheCache_KeepsOnePagePerLanguage_AndTheLanguagePicker_StaysOnThePage()
    {
        var client = _app.CreateClient();
        var english = await Html.GetAsync(client, "/stories?country=FR");
        var spanish = await Html.GetAsync(client, "/es/stories?country=FR");
        var englishAgain = await Html.GetAsync(client, "/stories?country=FR");
        Assert.Equal("en", englishAgain.DocumentElement.GetAttribute("lang"));
        Assert.Equal("es", spanish.DocumentElement.GetAttribute("lang"));

        // The picker names each language in itself and keeps the page and its filters.
        var picker = spanish.QuerySelector("nav.language-picker")!;
        Assert.Equal("/stories?country=FR", picker.QuerySelector("a[lang='en']")!.GetAttribute("href"));
        Assert.Equal("/fr/stories?country=FR", picker.QuerySelector("a[lang='fr']")!.GetAttribute("href"));
        Assert.Equal("Français", picker.QuerySelector("a[lang='fr']")!.TextContent);
        Assert.Equal("true", picker.QuerySelector("[lang='es']")!.GetAttribute("aria-current"));
        Assert.Equal(
            ["en", "es", "fr", "x-default"],
            english.QuerySelectorAll("link[rel='alternate'][hreflang]").Select(l => l.GetAttribute("hreflang")!).ToList());
        Assert.Equal("/fr/stories?country=FR", english.QuerySelector("link[hreflang='fr']")!.GetAttribute("href"));

        // On a page that does not exist, the picker offers the same address in the other language, not the error page's.
        var missing = await Html.ParseAsync(await client.GetAsync("/es/nowhere?x=1"));
        Assert.Equal("/fr/nowhere?x=1", missing.QuerySelector("nav.language-picker a[lang='fr']")!.GetAttribute("href"));
        Assert.Empty(missing.QuerySelectorAll("link[hreflang]"));

        // Country names and their order are the language's own.
        var countries = spanish.QuerySelectorAll("#country option").Skip(1).Select(o => o.TextContent).ToList();
        Assert.Contains("Alemania", countries);
        Assert.Contains("Estados Unidos", countries);
        Assert.True(countries.IndexOf("Alemania") < countries.IndexOf("Bélgica") && countries.IndexOf("España") < countries.IndexOf("Estados Unidos"));
    }

    [Fact]
    public async Task TheHelpPage_PutsTheReadersCountryFirst_InTheReadersLanguage()
    {
        var client = _app.CreateClient();
        var french = await Html.GetAsync(client, "/fr/help?country=FR");
        var countries = french.QuerySelectorAll(".help-country h2").Select(h => h.TextContent).ToList();
        Assert.Equal("France", countries[0]);
        Assert.Contains("Royaume-Uni", countries);
        Assert.Contains("24 h sur 24", french.QuerySelector(".help-line")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("annuaire", french.QuerySelector("#help-directory")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("28 novembre 2026", french.QuerySelector("#help-reviewed")!.TextContent, StringComparison.Ordinal);

        // No line was checked for Spain: the page says so, in Spanish, and points to the directory.
        var spanish = await Html.GetAsync(client, "/es/help?country=ES");
        Assert.Contains("España", spanish.QuerySelector("#help-none-for-country")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("28 de noviembre de 2026", spanish.QuerySelector("#help-reviewed")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("24 horas", spanish.QuerySelector(".help-line")!.TextContent, StringComparison.Ordinal);

        var english = await Html.GetAsync(client, "/help?country=DE");
        Assert.Equal("Germany", english.QuerySelectorAll(".help-country h2")[0].TextContent);
        Assert.Null(english.QuerySelector("#help-none-for-country"));
        Assert.Contains("24 hours, every day", english.QuerySelector(".help-line")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>Chooses another language through the picker, as a browser submits its button with the step's form.</summary>
    private static async Task<IHtmlDocument> SwitchAsync(HttpClient client, IHtmlDocument page, string language)
    {
        var button = page.QuerySelector($"nav.language-picker button[lang='{language}']")
            ?? throw new InvalidOperationException("The picker posts no form on this step:\n" + page.QuerySelector("nav.language-picker")?.OuterHtml);
        var form = Html.Form(page, "form#" + button.GetAttribute("form"));
        return await Html.ParseAsync(await Html.SubmitAsync(client, form, submitter: $"button[lang='{language}'][form='{button.GetAttribute("form")}']"));
    }

    [Fact]
    public async Task ADraftAPreviewAndAReceipt_SurviveAChangeOfLanguage_AndNothingIsSent()
    {
        var author = _app.CreateClient();
        const string Body = "It happened at a conference, and I have never written it down before today, until now.";
        // The form as typed, in Spanish: the text is still there, nothing was checked or sent.
        var page = await Html.GetAsync(author, "/share");
        var filled = Html.Form(page, "form#share-form");
        ((IHtmlTextAreaElement)filled.QuerySelector("textarea[name='Draft.Body']")!).Value = Body;
        ((IHtmlInputElement)filled.QuerySelector("input[name='Draft.Year']")!).Value = "2015";
        var spanishForm = await SwitchAsync(author, page, "es");
        Assert.Equal("es", spanishForm.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Body, ((IHtmlTextAreaElement)spanishForm.QuerySelector("textarea[name='Draft.Body']")!).Value);
        Assert.Equal("2015", ((IHtmlInputElement)spanishForm.QuerySelector("input[name='Draft.Year']")!).Value);
        Assert.Empty(spanishForm.QuerySelectorAll(".field-error"));

        // The preview, in French, with the same key to send it with.
        var preview = await Html.ParseAsync(await Html.SubmitAsync(author, Html.Form(spanishForm, "form#share-form")));
        var key = ((IHtmlInputElement)preview.QuerySelector("input[name='SubmissionKey']")!).Value;
        var frenchPreview = await SwitchAsync(author, preview, "fr");
        Assert.Equal("fr", frenchPreview.DocumentElement.GetAttribute("lang"));
        Assert.Contains(Body, frenchPreview.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(key, ((IHtmlInputElement)frenchPreview.QuerySelector("input[name='SubmissionKey']")!).Value);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Stories.CountAsync()));

        // Sent in French; the receipt, shown again in English, is the same receipt; it opens My story in Spanish.
        var receiptPage = await Html.ParseAsync(await Html.SubmitAsync(author, Html.Form(frenchPreview, "form#share-form")));
        var receipt = receiptPage.QuerySelector("#receipt-code")!.TextContent.Trim();
        var englishReceipt = await SwitchAsync(author, receiptPage, "en");
        Assert.Equal("en", englishReceipt.DocumentElement.GetAttribute("lang"));
        Assert.Equal(receipt, englishReceipt.QuerySelector("#receipt-code")!.TextContent.Trim());
        Assert.Equal(1, await _app.WithDbAsync(db => db.Stories.CountAsync()));
        Assert.DoesNotContain(receipt, string.Join(' ', englishReceipt.QuerySelectorAll("a[href], [formaction], link[href]").Select(e => e.GetAttribute("href") + e.GetAttribute("formaction"))), StringComparison.Ordinal);

        var entry = Html.Form(await Html.GetAsync(author, "/es/my-story"), "form#receipt-form");
        var status = await Html.ParseAsync(await Html.SubmitAsync(author, entry, Html.Values(("ReceiptCode", receipt))));
        Assert.Equal("es", status.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(status.QuerySelector("form#withdraw-form"));

        // My story follows the author too: status, then the edit as typed.
        var frenchStatus = await SwitchAsync(author, status, "fr");
        Assert.NotNull(frenchStatus.QuerySelector("form#withdraw-form"));
        var edit = await Html.ParseAsync(await Html.SubmitAsync(author, Html.Form(frenchStatus, "form#edit-form")));
        ((IHtmlTextAreaElement)Html.Form(edit, "form#edit-form").QuerySelector("textarea[name='Draft.Body']")!).Value = Body + " Changed.";
        var spanishEdit = await SwitchAsync(author, edit, "es");
        Assert.Equal("es", spanishEdit.DocumentElement.GetAttribute("lang"));
        Assert.Equal(Body + " Changed.", ((IHtmlTextAreaElement)spanishEdit.QuerySelector("textarea[name='Draft.Body']")!).Value);
        Assert.Equal(Body, await _app.WithDbAsync(db => db.Stories.Select(s => s.Body).SingleAsync()));
    }

    [Fact]
    public async Task InSpanish_AStoryIsShared_KeptAndWithdrawn_AndAModeratorReviewsItInFrench()
    {
        var author = _app.CreateClient();
        const string Body = "Pasó en el trabajo, hace años, y nunca se lo conté a nadie hasta hoy. Ahora lo escribo aquí.";
        var form = Html.Form(await Html.GetAsync(author, "/es/share"), "form#share-form");
        var preview = await Html.ParseAsync(await Html.SubmitAsync(author, form, Html.Values(("Draft.Body", Body))));
        Assert.Contains("Revisa tu relato", preview.Title, StringComparison.Ordinal);
        var receiptPage = await Html.ParseAsync(await Html.SubmitAsync(author, Html.Form(preview, "form#share-form")));
        Assert.Contains("Tu recibo", receiptPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var receipt = receiptPage.QuerySelector("#receipt-code")!.TextContent.Trim();

        // A moderator reviews and publishes it in French.
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app);
        var publicId = await _app.WithDbAsync(db => db.Stories.Select(s => s.PublicId).SingleAsync());
        var queue = await Html.GetAsync(moderator, "/fr/moderation");
        Assert.Contains("File de modération", queue.Title, StringComparison.Ordinal);
        var review = await Html.GetAsync(moderator, $"/fr/moderation/review/{publicId}");
        Assert.Equal("fr", review.DocumentElement.GetAttribute("lang"));
        var approved = await ModerationJourney.DecideAsync(moderator, review, "form#approve-form", ("Confirmed", "true"));
        Assert.StartsWith("/fr/moderation", approved.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(StoryStatus.Published, await _app.WithDbAsync(db => db.Stories.Select(s => s.Status).SingleAsync()));

        // The author sees it published, in Spanish, and withdraws it.
        var status = await Html.ParseAsync(await Html.SubmitAsync(author, Html.Form(await Html.GetAsync(author, "/es/my-story"), "form#receipt-form"), Html.Values(("ReceiptCode", receipt))));
        Assert.Contains("Publicado", status.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var confirm = await Html.ParseAsync(await Html.SubmitAsync(author, Html.Form(status, "form#withdraw-form")));
        Assert.Contains("¿Retirar tu relato?", confirm.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var gone = await Html.ParseAsync(await Html.SubmitAsync(author, Html.Form(confirm, "form#withdraw-confirm-form")));
        Assert.Contains("Tu relato se ha borrado", gone.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Stories.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await author.GetAsync($"/es/stories/{publicId}")).StatusCode);
    }
}
