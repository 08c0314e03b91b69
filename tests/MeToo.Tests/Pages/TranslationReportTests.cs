using System.Net;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Tests.Pages;

/// <summary>
/// Every translated page says whether a native speaker has reviewed its translation, and offers a
/// way to report a wrong or clumsy one (issue 14) that keeps nothing about the reader.
/// </summary>
public sealed class TranslationReportTests : IDisposable
{
    private readonly MeTooFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ATranslatedPage_SaysItIsNotYetReviewed_AndLinksToTheReportForm_ForThatPage()
    {
        var spanish = await Html.GetAsync(_app.CreateClient(), "/es/stats?by=month");
        var english = await Html.GetAsync(_app.CreateClient(), "/stats");

        var note = spanish.QuerySelector("#translation-note")!;
        Assert.Contains("Esta traducción todavía no la ha revisado una persona nativa.", note.TextContent, StringComparison.Ordinal);
        Assert.Equal("/es/translation?page=%2Fes%2Fstats", note.QuerySelector("a")!.GetAttribute("href")); // the path, never the query
        Assert.Null(english.QuerySelector("#translation-note"));

        // On an author's step the link would lose the draft: the note stays, the link does not.
        var share = await Html.GetAsync(_app.CreateClient(), "/es/share");
        Assert.Null(share.QuerySelector("#translation-note a"));
    }

    [Fact]
    public async Task AReport_IsKeptWithItsLanguageAndPage_AndNothingAboutTheReader_ThenDealtWith()
    {
        var reader = _app.CreateClientFrom("203.0.113.199", "TranslationReader/7.7");
        var form = await Html.GetAsync(reader, "/fr/translation?page=/fr/stories");
        Assert.Equal("/fr/stories", form.QuerySelector("form#translation-form input[name='Page']")!.GetAttribute("value"));

        var empty = await Html.SubmitAsync(reader, Html.Form(form, "form#translation-form"), Html.Values(("Wrong", "   ")));
        Assert.Equal("/fr/translation?sent=invalid#translation-form", empty.Headers.Location!.OriginalString);
        Assert.Equal(0, await _app.WithDbAsync(db => db.TranslationReports.CountAsync()));

        var sent = await Html.SubmitAsync(reader, Html.Form(form, "form#translation-form"),
            Html.Values(("Wrong", "« Partager votre histoire » sonne froid"), ("Better", "« Raconter ce qui vous est arrivé »"), ("Page", "/fr/stories?q=secret")));
        Assert.Equal("/fr/translation?sent=1", sent.Headers.Location!.OriginalString);
        var thanks = await Html.GetAsync(reader, sent.Headers.Location.OriginalString);
        Assert.NotNull(thanks.QuerySelector("#translation-thanks"));

        var report = await _app.WithDbAsync(db => db.TranslationReports.SingleAsync());
        Assert.Equal(("fr", "/fr/stories"), (report.Language, report.Page));
        Assert.Equal("« Raconter ce qui vous est arrivé »", report.Better);
        var contents = await _app.DatabaseContentsAsync();
        Assert.DoesNotContain("203.0.113.199", contents, StringComparison.Ordinal);
        Assert.DoesNotContain("TranslationReader", contents, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", contents, StringComparison.Ordinal);

        var (admin, _) = await ModerationJourney.SignedInAsync(_app, StaffRoles.Admin);
        var list = await Html.GetAsync(admin, "/admin/translations");
        var item = list.QuerySelector("#translation-reports li")!;
        Assert.Contains("sonne froid", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("French", item.TextContent, StringComparison.Ordinal);
        var done = await Html.SubmitAsync(admin, Html.Form(list, "#translation-reports form"));
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.TranslationReports.CountAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await _app.CreateClient().GetAsync("/admin/translations")).StatusCode); // staff only
    }

    [Fact]
    public async Task ALanguageSignedOffByANamedReviewer_SaysWhoReviewedIt()
    {
        using var app = new MeTooFactory().With("Languages:Reviewers:es", "Lucía Fernández");

        var spanish = await Html.GetAsync(app.CreateClient(), "/es/");
        var french = await Html.GetAsync(app.CreateClient(), "/fr/");

        Assert.Contains("Esta traducción la revisó Lucía Fernández", spanish.QuerySelector("#translation-note")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("pas encore été relue", french.QuerySelector("#translation-note")!.TextContent, StringComparison.Ordinal);
    }
}
