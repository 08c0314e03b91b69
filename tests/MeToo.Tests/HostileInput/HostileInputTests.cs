using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;
using MeToo.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeToo.Tests.HostileInput;

/// <summary>
/// The Big List of Naughty Strings (blns.json, MIT, with its notice beside it), each string wrapped
/// in carrier text valid for the field, through the text fields of the public, author and staff
/// forms. For every string: no 5xx; either a clear field error and nothing stored, or exactly the
/// cleaned input stored; and every page that shows it — the story page, the search results, the
/// moderator's review page and reports queue — parses with no element or attribute the string brought.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private static readonly Lazy<IReadOnlyList<string>> Naughty = new(() =>
        JsonSerializer.Deserialize<List<string>>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "HostileInput", "blns.json")))!);

    private readonly MeTooFactory _app = new MeTooFactory()
        .With("RateLimits:SignInsPerAddress", "100000")
        .With("RateLimits:ReportsPerClient", "100000")
        .With("RateLimits:TapsPerAddressPerDay", "100000")
        .With("RateLimits:SharePerClient", "100000")
        .With("RateLimits:ShareGlobal", "100000");

    public void Dispose() => _app.Dispose();

    public static IReadOnlyList<string> Strings => Naughty.Value;

    private static string Carrier(string naughty) => $"It began at work. {naughty} And then it went on for months, and I told nobody.";

    private static bool IsServerError(HttpResponseMessage response) => (int)response.StatusCode >= 500;

    /// <summary>Tags and attribute names the app itself renders on a page like this one.</summary>
    private static (HashSet<string> Tags, HashSet<string> Attributes, int Scripts) ShapeOf(IHtmlDocument page) =>
        ([.. page.All.Select(e => e.LocalName)],
         [.. page.All.SelectMany(e => e.Attributes).Select(a => a.Name)],
         page.Scripts.Length);

    /// <summary>No element, attribute or script on <paramref name="page"/> that the baseline page (the same page with plain text) lacks.</summary>
    private static string? Injected(IHtmlDocument page, (HashSet<string> Tags, HashSet<string> Attributes, int Scripts) baseline)
    {
        var textTags = new HashSet<string>(["p", "br", "mark", "span", "li", "ul", "q", "h3"], StringComparer.Ordinal);
        var tags = page.All.Select(e => e.LocalName).Where(t => !baseline.Tags.Contains(t) && !textTags.Contains(t)).Distinct().ToList();
        var attributes = page.All.SelectMany(e => e.Attributes).Select(a => a.Name).Where(a => !baseline.Attributes.Contains(a) && a != "title").Distinct().ToList();
        var handlers = page.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).Select(a => a.Name).ToList();
        return tags.Count + attributes.Count + handlers.Count == 0 && page.Scripts.Length == baseline.Scripts
            ? null
            : $"tags [{string.Join(", ", tags)}], attributes [{string.Join(", ", attributes.Concat(handlers))}], scripts {page.Scripts.Length}/{baseline.Scripts}";
    }

    private static string Describe(string naughty) => JsonSerializer.Serialize(naughty);

    /// <summary>
    /// Shares every string through the real form, once in each field — the text, the title, the name
    /// shown (the other fields plain) — and returns what was stored per string and field, or null
    /// when the form refused it with a field error.
    /// </summary>
    private async Task<Dictionary<(string Naughty, string Field), Story?>> ShareAllAsync(List<string> failures)
    {
        var client = _app.CreateClient();
        var form = await Html.GetAsync(client, "/share");
        var hasher = _app.Services.GetRequiredService<ReceiptHasher>();
        var stored = new Dictionary<(string, string), Story?>();
        foreach (var naughty in Strings.Distinct(StringComparer.Ordinal))
        {
            foreach (var field in new[] { "Body", "Title", "DisplayName" })
            {
                var title = field == "Title" ? "A title " + naughty : "A plain title";
                var body = field == "Body" ? Carrier(naughty) : Carrier("plain " + Guid.NewGuid().ToString("N"));
                var name = field == "DisplayName" ? "R " + naughty : "River";
                var previewResponse = await Html.SubmitAsync(client, Html.Form(form, "form#share-form"), Html.Values(
                    ("Draft.Title", title), ("Draft.Body", body), ("Draft.Anonymous", "false"), ("Draft.DisplayName", name)));
                if (IsServerError(previewResponse))
                {
                    failures.Add($"preview {field} {Describe(naughty)} → {(int)previewResponse.StatusCode}");
                    continue;
                }

                var preview = await Html.ParseAsync(previewResponse);
                if (preview.QuerySelector("#error-summary") is not null)
                {
                    stored[(naughty, field)] = null; // a clear field error; nothing is stored (checked by the caller)
                    if (await _app.WithDbAsync(db => db.Stories.AnyAsync(s => s.Body == body)))
                    {
                        failures.Add($"refused {field} {Describe(naughty)} but stored it");
                    }

                    continue;
                }

                var sent = await Html.SubmitAsync(client, Html.Form(preview, "form#share-form"));
                var receiptPage = await Html.ParseAsync(sent);
                if (IsServerError(sent) || !Receipt.TryParse(receiptPage.QuerySelector("#receipt-code")?.TextContent, out var receipt))
                {
                    failures.Add($"submit {field} {Describe(naughty)} → {(int)sent.StatusCode}");
                    continue;
                }

                var hash = hasher.Hash(receipt);
                var story = await _app.WithDbAsync(db => db.Stories.AsNoTracking().SingleAsync(s => s.ReceiptHash == hash));
                stored[(naughty, field)] = story;
                var expected = (TextCleaner.CleanLine(title), TextCleaner.CleanText(body), TextCleaner.CleanLine(name));
                if ((story.Title, story.Body, story.DisplayName) != expected)
                {
                    failures.Add($"stored {field} {Describe(naughty)} differs from the cleaned input");
                }
            }
        }

        return stored;
    }

    [Fact]
    public async Task EveryString_InEveryFieldOfTheShareForm_IsStoredCleaned_AndRendersInert_OnPublicAndModeratorPages()
    {
        var failures = new List<string>();
        var stored = await ShareAllAsync(failures);
        var refusedText = stored.Where(p => p.Key.Field == "Body" && p.Value is null).Select(p => Describe(p.Key.Naughty)).ToList();
        Assert.True(refusedText.Count == 0, "the story text refused: " + string.Join(", ", refusedText)); // any text is a story's text
        var stories = stored.Values.OfType<Story>().ToList();

        // Publish them all, and a plain one to compare pages with.
        var plain = (await _app.WithDbAsync(db => Stories.AddAsync(db, 1, new DateOnly(2026, 3, 1), null, _ => Stories.Content(Carrier("plain words"), title: "A title plain"))))[0];
        await _app.WithDbAsync(async db =>
        {
            foreach (var story in await db.Stories.Include(s => s.Tags).Where(s => s.Status == StoryStatus.Pending).ToListAsync())
            {
                story.Approve(new DateOnly(2026, 3, 14));
            }

            await db.SaveChangesAsync();
        });
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app);
        var reader = _app.CreateClient();
        var storyBaseline = ShapeOf(await Html.GetAsync(reader, $"/stories/{plain.PublicId}"));
        var reviewBaseline = ShapeOf(await ModerationJourney.OpenAsync(moderator, plain.PublicId));
        foreach (var story in stories)
        {
            var page = await reader.GetAsync($"/stories/{story.PublicId}");
            if (IsServerError(page) || Injected(await Html.ParseAsync(page), storyBaseline) is { } injected)
            {
                failures.Add($"story page of {Describe(story.Title + " | " + story.Body + " | " + story.DisplayName)}: {(int)page.StatusCode} {Injected(await Html.ParseAsync(page), storyBaseline)}");
            }

            var review = await moderator.GetAsync($"/moderation/review/{story.PublicId}");
            if (IsServerError(review) || Injected(await Html.ParseAsync(review), reviewBaseline) is { } onReview)
            {
                failures.Add($"review page of {Describe(story.Title + " | " + story.Body + " | " + story.DisplayName)}: {(int)review.StatusCode} {Injected(await Html.ParseAsync(review), reviewBaseline)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
    }

    [Fact]
    public async Task EveryString_AsSearchWords_IsAnsweredAndEchoedInert()
    {
        var reader = _app.CreateClient();
        var (tags, attributes, scripts) = ShapeOf(await Html.GetAsync(reader, "/stories?q=plain"));
        var (nothingTags, nothingAttributes, _) = ShapeOf(await Html.GetAsync(reader, "/stories?q=%21")); // "nothing to search" adds a notice
        var baseline = (new HashSet<string>(tags.Concat(nothingTags)), new HashSet<string>(attributes.Concat(nothingAttributes)), scripts);
        var failures = new List<string>();
        foreach (var naughty in Strings)
        {
            var response = await reader.GetAsync("/stories?q=" + Uri.EscapeDataString(naughty));
            var page = await Html.ParseAsync(response);
            if (IsServerError(response) || Injected(page, baseline) is not null)
            {
                failures.Add($"q={Describe(naughty)} → {(int)response.StatusCode} {Injected(page, baseline)}");
            }
            else if (page.QuerySelector("input#q") is IHtmlInputElement q && !string.IsNullOrWhiteSpace(naughty) && !naughty.Contains('\0')
                && q.Value != naughty && q.Value != naughty.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal))
            {
                // The words come back as typed (an attribute, encoded), so the reader can correct them.
                failures.Add($"q={Describe(naughty)} came back as {Describe(q.Value)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
    }

    [Fact]
    public async Task EveryString_AsAReportNote_IsStoredCleaned_AndTheReportsQueueRendersItInert()
    {
        var story = (await _app.WithDbAsync(db => Stories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2))))[0];
        var (moderator, _) = await ModerationJourney.SignedInAsync(_app);
        await ReaderJourney.ReportAsync(_app.CreateClientFrom("198.51.100.250"), story.PublicId, "Other", "A plain note");
        var baseline = ShapeOf(await Html.GetAsync(moderator, "/moderation/reports"));
        var failures = new List<string>();
        var i = 0;
        foreach (var naughty in Strings)
        {
            i++;
            var response = await ReaderJourney.ReportAsync(_app.CreateClientFrom($"10.{i / 250}.{i % 250}.9"), story.PublicId, "Other", "Note: " + naughty);
            if (IsServerError(response))
            {
                failures.Add($"note {Describe(naughty)} → {(int)response.StatusCode}");
            }
        }

        var notes = await _app.WithDbAsync(db => db.StoryReports.Select(r => r.Note).ToListAsync());
        foreach (var naughty in Strings.Where(n => TextCleaner.CleanText("Note: " + n).Length <= StoryReport.NoteMaxLength))
        {
            var cleaned = TextCleaner.CleanText("Note: " + naughty);
            if (!notes.Contains(cleaned))
            {
                failures.Add($"note {Describe(naughty)} not stored as its cleaned form");
            }
        }

        var queue = await moderator.GetAsync("/moderation/reports");
        if (IsServerError(queue) || Injected(await Html.ParseAsync(queue), baseline) is { } injected)
        {
            failures.Add($"reports queue: {(int)queue.StatusCode} {Injected(await Html.ParseAsync(queue), baseline)}");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
    }

    [Fact]
    public async Task EveryString_InTheAuthorsAndStaffsOtherFields_IsNeverAServerError()
    {
        var failures = new List<string>();
        var author = _app.CreateClient();
        var entry = Html.Form(await Html.GetAsync(author, "/my-story"), "form#receipt-form");
        var staff = _app.CreateClient();
        var login = Html.Form(await Html.GetAsync(staff, "/account/login"), "form#login-form");
        var (admin, _) = await ModerationJourney.SignedInAsync(_app, StaffRoles.Admin);
        var settings = Html.Form(await Html.GetAsync(admin, "/admin/settings"), "form#settings-form");
        var moderators = Html.Form(await Html.GetAsync(admin, "/admin/moderators"), "form#create-staff-form");
        var pending = (await _app.WithDbAsync(db => Stories.AddAsync(db, 1, new DateOnly(2026, 3, 1), null, _ => Stories.Content(Carrier("redact me")))))[0];
        foreach (var naughty in Strings)
        {
            var attempts = new (string Where, Task<HttpResponseMessage> Response)[]
            {
                ("receipt", Html.SubmitAsync(author, entry, Html.Values(("ReceiptCode", naughty)))),
                ("sign-in", Html.SubmitAsync(staff, login, Html.Values(("Username", naughty), ("Password", naughty)))),
                ("pause message", Html.SubmitAsync(admin, settings, Html.Values(("Input.PauseMessage", "Back soon. " + naughty)))),
                ("new account", Html.SubmitAsync(admin, moderators, Html.Values(("NewAccount.Email", naughty + "@example.org"), ("NewAccount.Username", naughty)))),
            };
            foreach (var (where, task) in attempts)
            {
                var response = await task;
                if (IsServerError(response))
                {
                    failures.Add($"{where} {Describe(naughty)} → {(int)response.StatusCode}");
                }
            }

            var review = await ModerationJourney.OpenAsync(admin, pending.PublicId);
            var redacted = await ModerationJourney.DecideAsync(admin, review, "form#redact-form", ("RedactBody", Carrier(naughty)), ("RedactTitle", naughty), ("RedactName", naughty));
            if (IsServerError(redacted))
            {
                failures.Add($"redaction {Describe(naughty)} → {(int)redacted.StatusCode}");
            }
        }

        var words = await Html.SubmitAsync(admin, Html.Form(await Html.GetAsync(admin, "/admin/words"), "form#words-form"), Html.Values(("Banned", string.Join("\n", Strings))));
        if (IsServerError(words))
        {
            failures.Add($"word lists → {(int)words.StatusCode}");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/moderation/review/{pending.PublicId}")).StatusCode);
    }
}

/// <summary>
/// Every field of the staff's sign-in, two-factor, set-up and password forms, with the characters the
/// audit found answered 500 (noncharacters) and their kin: never a server error, always the form's
/// own message.
/// </summary>
public sealed class StaffFormsHostileInputTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory().With("RateLimits:SignInsPerAddress", "100000");

    public void Dispose() => _app.Dispose();

    public static TheoryData<string> Odd() =>
    [
        "\uFFFE", "\uFFFF", "\U0010FFFF", "\U0001FFFE", "\uFDD0", "name\uFFFF", "\u0000", "a\u202Eb", "\u200B", "   ", "ǅ\u0301\u0345", new string('x', 5000),
    ];

    [Theory]
    [MemberData(nameof(Odd))]
    public async Task EveryFieldOfTheSignInTwoFactorAndPasswordForms_IsNeverAServerError(string odd)
    {
        var name = "odd-" + Guid.NewGuid().ToString("N")[..8];
        var withCode = "odd2-" + Guid.NewGuid().ToString("N")[..8];
        await StaffJourney.CreateAsync(_app, name);
        await StaffJourney.CreateAsync(_app, withCode);
        var setUp = _app.CreateClient();
        await StaffJourney.SignInAsync(setUp, withCode);
        await StaffJourney.SetUpTwoFactorAsync(_app, setUp);
        var failures = new List<string>();

        async Task Try(string where, HttpClient client, string page, string form, params (string Name, string Value)[] values)
        {
            var response = await Html.SubmitAsync(client, Html.Form(await Html.GetAsync(client, page), form), Html.Values(values));
            if ((int)response.StatusCode >= 500)
            {
                failures.Add($"{where} → {(int)response.StatusCode}");
            }
        }

        await Try("user name", _app.CreateClient(), "/account/login", "form#login-form", ("Username", odd), ("Password", StaffJourney.Password));
        await Try("password", _app.CreateClient(), "/account/login", "form#login-form", ("Username", name), ("Password", odd));
        await Try("both", _app.CreateClient(), "/account/login", "form#login-form", ("Username", odd), ("Password", odd));

        var second = _app.CreateClient();
        await StaffJourney.SignInAsync(second, withCode);
        await Try("authenticator code", second, "/account/loginwithcode", "form#two-factor-form", ("Code", odd));

        var signedIn = _app.CreateClient();
        await StaffJourney.SignInAsync(signedIn, name);
        await Try("set-up code", signedIn, "/account/twofactor", "form#authenticator-form", ("Code", odd));
        await Try("current password", signedIn, "/account/changepassword", "form#change-password-form", ("CurrentPassword", odd), ("NewPassword", "a long new passphrase"), ("ConfirmPassword", "a long new passphrase"));
        await Try("new password", signedIn, "/account/changepassword", "form#change-password-form", ("CurrentPassword", StaffJourney.Password), ("NewPassword", odd), ("ConfirmPassword", odd));

        Assert.True(failures.Count == 0, JsonSerializer.Serialize(odd) + ": " + string.Join("; ", failures));
    }
}
