using System.Net;
using System.Text.Json;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using MeToo.Web.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TestStories = MeToo.Tests.Harness.Stories;

namespace MeToo.Tests.Pages.Admin;

/// <summary>Settings, word lists, metrics, bulk reject, export and retention, through the admin pages.</summary>
public sealed class AdminToolsTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory().With("RateLimits:SignInsPerAddress", "1000");

    public void Dispose() => _app.Dispose();

    private static string Body(string words) => $"{words} It happened on a night out and I want it written somewhere. {Guid.NewGuid():N}";

    private async Task<HttpResponseMessage> SaveSettingsAsync(HttpClient admin, params (string Name, string Value)[] values)
    {
        var page = await Html.GetAsync(admin, "/admin/settings");
        return await Html.SubmitAsync(admin, Html.Form(page, "form#settings-form"), Html.Values(values));
    }

    [Fact]
    public async Task PausingSharing_ShowsTheKindMessage_SendsNothing_AndKeepsWhatTheAuthorWrote_UntilResumed()
    {
        var (admin, name) = await ModerationJourney.SignedInAsync(_app, StaffRoles.Admin);
        var author = _app.CreateClient();
        var body = Body("A story written just before sharing was paused.");
        var preview = await Journeys.PreviewAsync(author, Html.Values(("Draft.Body", body), ("Draft.Title", "Before the pause")));
        var saved = await Html.ParseAsync(await SaveSettingsAsync(admin, ("Input.SharingPaused", "true"), ("Input.PauseMessage", "We are catching up after a flood of posts. Please come back tomorrow.")));

        var share = await Html.GetAsync(author, "/share");
        var heldBack = await Html.ParseAsync(await Html.SubmitAsync(author, Html.Form(preview, "form#share-form")));
        var storedWhilePaused = await _app.WithDbAsync(db => db.Stories.CountAsync(s => s.Body == body));
        await SaveSettingsAsync(admin, ("Input.SharingPaused", "false"));
        var sent = await Html.ParseAsync(await Html.SubmitAsync(author, Html.Form(heldBack, "form#share-form")));

        Assert.NotNull(saved.QuerySelector("#settings-saved"));
        Assert.Contains("catching up after a flood", share.QuerySelector("#sharing-paused")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("not sent yet", heldBack.QuerySelector("#share-held-back")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(body, heldBack.QuerySelector("form#share-form input[name='Draft.Body']")!.GetAttribute("value"));
        Assert.Equal("Before the pause", heldBack.QuerySelector("form#share-form input[name='Draft.Title']")!.GetAttribute("value"));
        Assert.Equal(0, storedWhilePaused);
        Assert.NotNull(sent.QuerySelector("#receipt-code"));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Stories.CountAsync(s => s.Body == body)));
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.SettingsChanged)));
    }

    [Theory]
    [InlineData("Input.AutoHideThreshold", "-1")]
    [InlineData("Input.KeepProtectionDays", "0")]
    [InlineData("Input.RejectedRetentionDays", "100000")]
    [InlineData("Input.TwoFactor", "sometimes")]
    public async Task BadSettings_GetAClearMessage_AndChangeNothing(string field, string value)
    {
        var (admin, _) = await ModerationJourney.SignedInAsync(_app, StaffRoles.Admin);

        var page = await Html.ParseAsync(await SaveSettingsAsync(admin, (field, value)));

        Assert.NotNull(page.QuerySelector("#error-summary"));
        var settings = await _app.WithDbAsync(db => db.SiteSettings.SingleAsync());
        Assert.Equal((0, 30, 30, null), (settings.AutoHideThreshold, settings.KeepProtectionDays, settings.RejectedRetentionDays, settings.RequireTwoFactor));
    }

    [Fact]
    public async Task RequiringTwoFactor_InTheSettings_SendsStaffToSetUp()
    {
        var (admin, _) = await ModerationJourney.SignedInAsync(_app, StaffRoles.Admin);
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app);
        Assert.Equal(HttpStatusCode.OK, (await moderator.GetAsync("/moderation")).StatusCode);

        await SaveSettingsAsync(admin, ("Input.TwoFactor", "required"));

        Assert.Equal("/account/twofactor", (await moderator.GetAsync("/moderation")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task EditedWordLists_MarkNewStories()
    {
        var (admin, _) = await ModerationJourney.SignedInAsync(_app, StaffRoles.Admin);
        var page = await Html.GetAsync(admin, "/admin/words");
        Assert.Contains("kill yourself", page.QuerySelector("#Banned")!.TextContent, StringComparison.Ordinal);

        await Html.SubmitAsync(admin, Html.Form(page, "form#words-form"), Html.Values(("Banned", "kill yourself\nPineapple Sorbet"), ("Suspect", "")));
        var (publicId, _) = await ModerationJourney.SharedStoryAsync(_app, Body("He brought pineapple   sorbet to the office every day."));

        var markers = await _app.WithDbAsync(db => db.ScreeningMarkers.Where(m => db.Stories.Any(s => s.Id == m.StoryId && s.PublicId == publicId)).Select(m => m.Kind).ToListAsync());
        Assert.Contains(MarkerKind.BannedWord, markers);
        Assert.Equal(2, await _app.WithDbAsync(db => db.ScreeningWords.CountAsync(w => w.Language == ScreeningWord.EveryLanguage)));
    }

    /// <summary>A word hostile in one language may be harmless in another: each language's lists screen only its own stories.</summary>
    [Fact]
    public async Task EachLanguagesLists_ScreenOnlyStoriesWrittenInIt()
    {
        var (admin, name) = await ModerationJourney.SignedInAsync(_app, StaffRoles.Admin);
        var spanishLists = await Html.GetAsync(admin, "/admin/words?language=es");
        Assert.Contains("te lo buscaste", spanishLists.QuerySelector("#Banned")!.TextContent, StringComparison.Ordinal); // seeded
        Assert.DoesNotContain("kill yourself", spanishLists.QuerySelector("#Banned")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("page", spanishLists.QuerySelector("nav.word-list-languages a[href='/admin/words?language=es']")!.GetAttribute("aria-current"));

        await Html.SubmitAsync(admin, Html.Form(spanishLists, "form#words-form"), Html.Values(("Banned", "calabacín"), ("Suspect", "")));
        var inSpanish = await ModerationJourney.SharedStoryAsync(_app, Body("Me trajo un calabacín a la oficina cada día, y nadie dijo nada."), ("Draft.Language", "es"));
        var inEnglish = await ModerationJourney.SharedStoryAsync(_app, Body("He left a calabacín on my desk every day, and nobody said a thing."));
        var seededFrench = await ModerationJourney.SharedStoryAsync(_app, Body("Il m’a dit que j’étais une conne, devant toute l’équipe."), ("Draft.Language", "fr"));
        Task<List<MarkerKind>> MarkersOf(string publicId) =>
            _app.WithDbAsync(db => db.ScreeningMarkers.Where(m => db.Stories.Any(s => s.Id == m.StoryId && s.PublicId == publicId)).Select(m => m.Kind).ToListAsync());

        Assert.Contains(MarkerKind.BannedWord, await MarkersOf(inSpanish.PublicId));
        Assert.DoesNotContain(MarkerKind.BannedWord, await MarkersOf(inEnglish.PublicId));
        Assert.Contains(MarkerKind.SuspectWord, await MarkersOf(seededFrench.PublicId));
        Assert.Equal(["calabacín"], await _app.WithDbAsync(db => db.ScreeningWords.Where(w => w.Language == "es").Select(w => w.Text).ToListAsync()));
        Assert.Contains("kill yourself", await _app.WithDbAsync(db => db.ScreeningWords.Where(w => w.Language == ScreeningWord.EveryLanguage).Select(w => w.Text).ToListAsync())); // the other lists untouched
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Actor == name && e.Action == StaffActions.WordListChanged && e.ReasonCode == "language:es;banned:1;suspect:0")));
    }

    [Fact]
    public async Task BulkReject_CountsFirst_ThenRejectsOnlyTheMarkedPendingStories()
    {
        var (admin, name) = await ModerationJourney.SignedInAsync(_app, StaffRoles.Admin);
        var flood = Body("Buy now at the best shop, click here.");
        await ModerationJourney.SharedStoryAsync(_app, flood);
        await Journeys.ShareAndGetReceiptAsync(_app.CreateClient(), flood + " ");
        await Journeys.ShareAndGetReceiptAsync(_app.CreateClient(), flood + "  ");
        var (innocent, _) = await ModerationJourney.SharedStoryAsync(_app, Body("A real story with nothing marked at all in it."));

        var page = await Html.GetAsync(admin, "/admin/bulk");
        var counted = await Html.ParseAsync(await Html.SubmitAsync(admin, Html.Form(page, "form#bulk-reject-form"), Html.Values(("Marker", nameof(MarkerKind.DuplicateText)), ("Reason", nameof(RejectionReason.Spam)))));
        var done = await Html.ParseAsync(await Html.SubmitAsync(admin, Html.Form(counted, "form#bulk-confirm-form")));

        Assert.Contains("2 pending stories", counted.QuerySelector("#bulk-matching")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 stories rejected", done.QuerySelector("#bulk-done")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, await _app.WithDbAsync(db => db.Stories.CountAsync(s => s.Status == StoryStatus.Rejected)));
        Assert.Equal(StoryStatus.Pending, await _app.WithDbAsync(db => db.Stories.Where(s => s.PublicId == innocent).Select(s => s.Status).SingleAsync()));
        Assert.Equal(2, await _app.WithDbAsync(db => db.StaffAudit.CountAsync(e => e.Actor == name && e.Action == StaffActions.StoryRejected)));
    }

    [Fact]
    public async Task Metrics_AreInDays()
    {
        var (admin, _) = await ModerationJourney.SignedInAsync(_app, StaffRoles.Admin);
        await _app.WithDbAsync(async db =>
        {
            await TestStories.AddAsync(db, 1, new DateOnly(2026, 3, 4), null);
            await TestStories.AddAsync(db, 3, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 3));
        });

        var page = await Html.GetAsync(admin, "/admin");

        Assert.Equal("1", page.QuerySelector("#metric-queue")!.TextContent);
        Assert.Equal("10 days", page.QuerySelector("#metric-oldest")!.TextContent);
        Assert.Equal("2 days", page.QuerySelector("#metric-median")!.TextContent);
    }

    [Fact]
    public async Task TheExport_HoldsOnlyOptedInPublishedStories_AndNoLinkingField()
    {
        var (admin, name) = await ModerationJourney.SignedInAsync(_app, StaffRoles.Admin);
        var optedIn = Body("An opted-in story for research.");
        var notOptedIn = Body("A story whose author said no to research.");
        var pendingOptedIn = Body("A pending opted-in story.");
        var (a, _) = await ModerationJourney.SharedStoryAsync(_app, optedIn, ("Draft.OpenData", "true"), ("Draft.DisplayName", "Sam"), ("Draft.Country", "GB"), ("Draft.Settings", "workplace"), ("Draft.Experiences", "verbal-harassment"));
        var (b, _) = await ModerationJourney.SharedStoryAsync(_app, notOptedIn);
        await ModerationJourney.SharedStoryAsync(_app, pendingOptedIn, ("Draft.OpenData", "true"));
        await ModerationJourney.ApproveAsync(admin, a);
        await ModerationJourney.ApproveAsync(admin, b);

        // Nine more opted-in stories like it but from nowhere named: with it, a group of ten.
        await _app.WithDbAsync(async db =>
        {
            foreach (var story in await TestStories.AddAsync(db, 9, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 14)))
            {
                story.SetOpenDataConsent(true);
            }

            await db.SaveChangesAsync();
        });

        var page = await Html.GetAsync(admin, "/admin/export");
        var json = await (await Html.SubmitAsync(admin, Html.Form(page, "form#export-form"), submitter: "button[formaction*=Json]")).Content.ReadAsStringAsync();
        var csvResponse = await Html.SubmitAsync(admin, Html.Form(page, "form#export-form"), submitter: "button[formaction*=Csv]");
        var csv = await csvResponse.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(json);
        var rows = document.RootElement.EnumerateArray().ToList();

        Assert.Equal(10, rows.Count);
        var row = rows.Single(r => r.GetProperty("text").GetString() == optedIn);
        Assert.Equal("2026-03", row.GetProperty("month").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("country").ValueKind); // one story from GB: its country goes, and it joins the nine
        Assert.Equal(JsonValueKind.Null, row.GetProperty("supportCount").ValueKind);
        Assert.Equal("en", row.GetProperty("language").GetString()); // ten in English: a large enough group
        Assert.Equal("workplace", row.GetProperty("settings")[0].GetString());
        var fields = row.EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Equal(["title", "text", "settings", "experiences", "contentWarnings", "month", "country", "supportCount", "language"], fields);
        Assert.DoesNotContain(a, json, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam", json, StringComparison.Ordinal);
        Assert.DoesNotContain(notOptedIn[..30], csv, StringComparison.Ordinal);
        Assert.DoesNotContain(pendingOptedIn[..20], csv, StringComparison.Ordinal);
        Assert.StartsWith("title,text,settings,experiences,content_warnings,month,country,support_count,language\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(optedIn, csv, StringComparison.Ordinal);
        Assert.Equal("text/csv; charset=utf-8", csvResponse.Content.Headers.ContentType!.ToString());
        Assert.Equal(2, await _app.WithDbAsync(db => db.StaffAudit.CountAsync(e => e.Actor == name && e.Action == StaffActions.OpenDataExported)));
    }

    [Fact]
    public void TheCsv_NeutralisesSpreadsheetFormulas_AndQuotes()
    {
        var csv = OpenDataExport.ToCsv([new OpenDataExport.Row("=HYPERLINK(\"x\")", "He said \"no\",\nthen left.", ["workplace"], [], [], "2026-03", null, null, null)]);

        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"He said \"\"no\"\",\nthen left.\"", csv, StringComparison.Ordinal);
    }
}

/// <summary>The retention job, on a fake clock.</summary>
public sealed class RetentionTests : IDisposable
{
    private readonly MeTooFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Retention_PurgesOldRejectedAndUnansweredStories_AndNothingElse()
    {
        _ = _app.CreateClient();
        var today = DateOnly.FromDateTime(_app.Time.GetUtcNow().UtcDateTime);
        var phrase = $"retention-phrase-{Guid.NewGuid():N}";
        var ids = await _app.WithDbAsync(async db =>
        {
            var stories = await TestStories.AddAsync(db, 6, today.AddDays(-200), null, i => TestStories.Content($"Story {i} {phrase} {Guid.NewGuid():N}"));
            stories[0].Reject(RejectionReason.Spam, null, today.AddDays(-31));           // old rejected: goes
            stories[1].Reject(RejectionReason.Spam, null, today.AddDays(-29));           // recent rejected: stays
            stories[2].RequestChanges("Please change it", today.AddDays(-91));            // unanswered: goes
            stories[3].RequestChanges("Please change it", today.AddDays(-10));            // recent: stays
            stories[4].Approve(today.AddDays(-199));                                      // published long ago: stays
            await db.SaveChangesAsync();                                                  // stories[5] pending since long ago: stays
            return stories.Select(s => s.PublicId).ToList();
        });

        var result = await RunAsync();
        var left = await _app.WithDbAsync(db => db.Stories.Select(s => s.PublicId).ToListAsync());
        var files = await Files.DatabaseFilesAsync(_app);

        Assert.Equal((1, 1), (result.Rejected, result.ChangesRequested));
        Assert.Equal(new[] { ids[1], ids[3], ids[4], ids[5] }.Order(), left.Order());
        Assert.All(files, f => Assert.False(Files.Contains(f.Value, $"Story 0 {phrase}"), $"purged text still in {f.Key}"));
        Assert.True(await _app.WithDbAsync(db => db.StaffAudit.AnyAsync(e => e.Action == StaffActions.RetentionPurged && e.ReasonCode == "rejected:1;unanswered:1;audit:0")));
    }

    /// <summary>The audit found the staff audit log kept for ever.</summary>
    [Fact]
    public async Task TheAuditLog_IsKeptForItsRetentionSetting_ThenGoes()
    {
        _ = _app.CreateClient();
        await _app.WithDbAsync(async db =>
        {
            (await db.SiteSettings.SingleAsync()).AuditRetentionDays = 30;
            await db.SaveChangesAsync();
        });
        await StaffJourney.CreateAsync(_app, "audited-long-ago"); // an account.created entry, now
        _app.Time.Advance(TimeSpan.FromDays(31));
        await StaffJourney.CreateAsync(_app, "audited-recently");

        await RunAsync(); // the hourly service may have run already, as the clock moved: either way the old entry goes
        var left = await _app.WithDbAsync(db => db.StaffAudit.Where(e => e.Action == StaffActions.AccountCreated).Select(e => e.Target).ToListAsync());

        Assert.Equal(["audited-recently"], left);
    }

    [Fact]
    public async Task ReportsOfABadTranslation_GoAfterNinetyDays()
    {
        _ = _app.CreateClient();
        var today = DateOnly.FromDateTime(_app.Time.GetUtcNow().UtcDateTime);
        await _app.WithDbAsync(async db =>
        {
            db.TranslationReports.Add(new TranslationReport("es", "/es/share", "una frase vieja", null, today.AddDays(-(TranslationReport.RetentionDays + 1))));
            db.TranslationReports.Add(new TranslationReport("fr", "/fr/help", "une phrase récente", null, today.AddDays(-(TranslationReport.RetentionDays - 1))));
            await db.SaveChangesAsync();
        });

        await RunAsync();

        Assert.Equal(["une phrase récente"], await _app.WithDbAsync(db => db.TranslationReports.Select(r => r.Wrong).ToListAsync()));
    }

    [Fact]
    public async Task TheRetentionService_RunsHourlyOnTheInjectedClock()
    {
        _ = _app.CreateClient();
        var today = DateOnly.FromDateTime(_app.Time.GetUtcNow().UtcDateTime);
        await _app.WithDbAsync(async db =>
        {
            var stories = await TestStories.AddAsync(db, 1, today.AddDays(-100), null);
            stories[0].Reject(RejectionReason.Spam, null, today.AddDays(-40));
            await db.SaveChangesAsync();
        });

        var count = await Eventually.AdvanceUntilAsync(_app.Time, TimeSpan.FromMinutes(61), () => _app.WithDbAsync(db => db.Stories.CountAsync()).GetAwaiter().GetResult(), c => c == 0);

        Assert.Equal(0, count);
    }

    /// <summary>
    /// A run that did its work here. On PostgreSQL a run started by the hourly service (the clock
    /// moved) holds the advisory lock, and a run beside it does nothing and says so; then this waits
    /// for that run to end and runs again, so what the test reads next is what a finished run left.
    /// </summary>
    private async Task<RetentionJob.Result> RunAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var scope = _app.Services.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync();
            if (!result.RunningElsewhere || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(50);
        }
    }
}
