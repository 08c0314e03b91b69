using System.Net;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using MeToo.Web.Support;

namespace MeToo.Tests.Pages;

/// <summary>Quick exit, safety, help lines and the reader's information pages.</summary>
public sealed class ReaderPagesTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory().With("QuickExit:Urls:en", "https://weather.example/today").With("QuickExit:Urls:fr", "https://meteo.example/").With("RateLimits:SignInsPerAddress", "1000");

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/")]
    [InlineData("/stories")]
    [InlineData("/share")]
    [InlineData("/my-story")]
    [InlineData("/help")]
    [InlineData("/safety")]
    [InlineData("/guidelines")]
    [InlineData("/privacy")]
    [InlineData("/about")]
    [InlineData("/stats")]
    [InlineData("/error/404")]
    public async Task EveryPage_HasTheQuickExit_AsAPlainLinkWithoutReferrer(string path)
    {
        var response = await _app.CreateClient().GetAsync(path);
        var page = await Html.ParseAsync(response);
        var exit = page.QuerySelector("a#quick-exit");

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        Assert.NotNull(exit);
        Assert.Equal("https://weather.example/today", exit!.GetAttribute("href"));
        Assert.Contains("noreferrer", exit.GetAttribute("rel")!, StringComparison.Ordinal);
        Assert.Same(exit, page.Body!.QuerySelectorAll("a")[1]); // right after the skip link, first thing a keyboard reaches
    }

    [Theory]
    [InlineData("/", "https://weather.example/today")]
    [InlineData("/fr/", "https://meteo.example/")]
    [InlineData("/fr/share", "https://meteo.example/")]
    [InlineData("/es/stories", "https://www.aemet.es/es/eltiempo/prediccion/espana")] // the default for Spanish, not configured here
    public async Task TheQuickExit_LeavesForAPageInThePagesLanguage(string path, string destination)
    {
        var page = await Html.GetAsync(_app.CreateClient(), path);

        Assert.Equal(destination, page.QuerySelector("a#quick-exit")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("en", "http://weather.example/")]
    [InlineData("es", "//weather.example/")]
    [InlineData("fr", "javascript:alert(1)")]
    [InlineData("en", " ")]
    public void AQuickExitThatIsNotHttpsOrAPathOfThisSite_IsRefusedAtStart(string language, string url)
    {
        var options = new QuickExitOptions();
        options.Urls[language] = url;

        var result = new QuickExitOptions.Validator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"QuickExit:Urls:{language}", result.FailureMessage, StringComparison.Ordinal);
        Assert.False(new QuickExitOptions.Validator().Validate(null, new QuickExitOptions()).Failed); // the defaults pass
    }

    [Fact]
    public async Task TheSafetyPage_SaysWhatTheExitCannotErase_AndHowToClearIt_InEachLanguage()
    {
        var client = _app.CreateClient();
        foreach (var (path, erase, clear) in new[]
        {
            ("/safety", "stay in your browser's history", "Ctrl+H"),
            ("/es/safety", "siguen en el historial del navegador", "Ctrl+H"),
            ("/fr/safety", "restent dans l’historique du navigateur", "Ctrl+H"),
        })
        {
            var page = await Html.GetAsync(client, path);

            Assert.Contains(erase, page.QuerySelector("#what-exit-cannot-erase")!.TextContent, StringComparison.Ordinal);
            Assert.Contains(clear, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheHelpPage_ListsHelpLinesByCountry_WithTheirSources_TheReviewDate_AndADirectory()
    {
        var page = await Html.GetAsync(_app.CreateClient(), "/help");

        var lines = page.QuerySelectorAll(".help-line");
        Assert.True(lines.Length >= 5);
        Assert.All(lines, line => Assert.StartsWith("https://", line.QuerySelector("small a")!.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Contains(page.QuerySelectorAll(".help-country h2"), h => h.TextContent == "United Kingdom");
        Assert.Contains("November 28, 2026", page.QuerySelector("#help-reviewed")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("https://findahelpline.com", page.QuerySelector("#help-directory a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AnAdmin_EditsTheHelpLines_AndBadEntriesAreRefusedWithReasons()
    {
        var (admin, name) = await ModerationJourney.SignedInAsync(_app, StaffRoles.Admin);
        var page = await Html.GetAsync(admin, "/admin/helplines");
        var form = Html.Form(page, "form#help-lines-form");
        const string Bad = """{"reviewedOn":"yesterday","directory":{"name":"X","url":"http://x.example"},"lines":[{"country":"ZZ","name":"Line","phone":"1","source":"ftp://x"}]}""";
        const string Good = """{"reviewedOn":"2026-12-01","directory":{"name":"Find A Helpline","url":"https://findahelpline.com"},"lines":[{"country":"GB","name":"A checked line","phone":"0800 000 000","hours":"24 hours","source":"https://example.org/help"}]}""";

        var refused = await Html.ParseAsync(await Html.SubmitAsync(admin, form, Html.Values(("Json", Bad))));
        var notJson = await Html.ParseAsync(await Html.SubmitAsync(admin, form, Html.Values(("Json", "{ not json"))));
        var saved = await Html.ParseAsync(await Html.SubmitAsync(admin, form, Html.Values(("Json", Good))));
        var help = await Html.GetAsync(_app.CreateClient(), "/help");

        var errors = refused.QuerySelector("#help-lines-errors")!.TextContent;
        Assert.Contains("reviewedOn", errors, StringComparison.Ordinal);
        Assert.Contains("“ZZ” is not a known country", errors, StringComparison.Ordinal);
        Assert.Contains("https://", errors, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", notJson.QuerySelector("#help-lines-errors")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(saved.QuerySelector("#help-lines-saved"));
        Assert.Single(help.QuerySelectorAll(".help-line"));
        Assert.Contains("A checked line", help.QuerySelector(".help-line")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("December 1, 2026", help.QuerySelector("#help-reviewed")!.TextContent, StringComparison.Ordinal);
        Assert.True(await _app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.StaffAudit, e => e.Actor == name && e.Action == StaffActions.SettingsChanged)));
    }

    [Fact]
    public async Task ForgetThisDevice_WorksWithoutJavaScript_ThroughClearSiteData()
    {
        var page = await Html.GetAsync(_app.CreateClient(), "/safety");
        var form = page.QuerySelector("form#forget-device-form")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Origin", "https://localhost");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        var response = await _app.CreateClient().SendAsync(request);
        var after = await Html.GetAsync(_app.CreateClient(), response.Headers.Location!.OriginalString);

        Assert.Null(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("\"cache\", \"cookies\", \"storage\"", response.Headers.GetValues("Clear-Site-Data").Single()); // the audit found the anti-forgery cookie left behind
        Assert.NotNull(after.QuerySelector("#device-forgotten"));
        Assert.Contains("stay in your browser", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/guidelines", "Do not name or identify anyone")]
    [InlineData("/privacy", "No cookies")]
    [InlineData("/privacy", "Our backups keep it until they expire, after 30 days; if a backup is ever restored, your withdrawal is applied again.")]
    [InlineData("/about", "open-source")]
    public async Task TheInformationPages_SayWhatTheyShould(string path, string text)
    {
        var page = await Html.GetAsync(_app.CreateClient(), path);

        Assert.Contains(text, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
