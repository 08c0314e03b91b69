using System.Diagnostics;
using MeToo.Tests.Harness;
using MeToo.Web.Domain;

namespace MeToo.Tests.Infrastructure;

/// <summary>
/// Every page the app renders — public, author and staff, errors included — passes the Nu Html
/// Checker (vnu.jar from the npm package vnu-jar, run with Java; <c>.ci/run</c> installs both).
/// Without them the test skips with a message, except under <c>CI=true</c>, where it fails.
/// </summary>
public sealed class HtmlValidityTests : IDisposable
{
    private readonly MeTooFactory _app = new MeTooFactory().With("RateLimits:SignInsPerAddress", "1000");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "metoo-tests", "vnu-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _app.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // the temp folder is cleaned by the OS
        }
    }

    /// <summary>vnu.jar from tests/tools (npm ci), or METOO_VNU_JAR.</summary>
    private static string? Checker()
    {
        var configured = Environment.GetEnvironmentVariable("METOO_VNU_JAR");
        if (!string.IsNullOrEmpty(configured) && File.Exists(configured))
        {
            return configured;
        }

        var folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "MeToo.sln")))
        {
            folder = Path.GetDirectoryName(folder.TrimEnd(Path.DirectorySeparatorChar));
        }

        var jar = folder is null ? null : Path.Combine(folder, "tests", "tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
        return jar is not null && File.Exists(jar) ? jar : null;
    }

    private async Task SaveAsync(string name, HttpResponseMessage response)
    {
        Directory.CreateDirectory(_folder);
        await File.WriteAllTextAsync(Path.Combine(_folder, name + ".html"), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task EveryPage_PassesTheNuHtmlChecker()
    {
        var jar = Checker();
        if (jar is null)
        {
            const string Missing = "The Nu Html Checker is not installed (npm ci --prefix tests/tools, and Java).";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail(Missing + " CI must install it.");
            }

            Assert.Skip(Missing);
        }

        // Public pages, and a story to show on them.
        var reader = _app.CreateClient();
        var stories = await _app.WithDbAsync(db => Stories.AddAsync(db, 3, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), i => Stories.Content(
            $"A story for the checker, number {i}, with a line\nbreak and a paragraph.\n\nThe second paragraph.", warnings: i == 0 ? ["self-harm"] : [], title: i == 1 ? "A title" : null)));
        foreach (var (name, url) in new[]
        {
            ("home", "/"), ("stories", "/stories"), ("search", "/stories?q=checker"), ("relevant", "/stories?q=checker&sort=relevant"),
            ("nothing", "/stories?q=%21"), ("supported", "/stories?sort=supported"), ("story", $"/stories/{stories[0].PublicId}"),
            ("titled", $"/stories/{stories[1].PublicId}"), ("share", "/share"), ("my-story", "/my-story"), ("stats", "/stats"),
            ("stats-days", "/stats?by=day"), ("help", "/help"), ("safety", "/safety"), ("guidelines", "/guidelines"),
            ("privacy", "/privacy"), ("about", "/about"), ("translation", "/fr/translation?page=/fr/stats"), ("not-found", "/nowhere"), ("login", "/account/login"),
            ("home-es", "/es/"), ("stories-fr", "/fr/stories?country=FR"), ("share-es", "/es/share"), ("help-fr", "/fr/help"), ("not-found-fr", "/fr/nowhere"),
        })
        {
            await SaveAsync(name, await reader.GetAsync(url));
        }

        // The author's steps.
        var author = _app.CreateClient();
        var form = Html.Form(await Html.GetAsync(author, "/share"), "form#share-form");
        await SaveAsync("share-errors", await Html.SubmitAsync(author, form, Html.Values(("Draft.Body", "short"), ("Draft.Year", "3000"))));
        var previewResponse = await Html.SubmitAsync(author, form, Html.Values(("Draft.Body", "My manager Jane Smith called me on 07700 900123 and wrote to jane@example.org."), ("Draft.Country", "GB"), ("Draft.Year", "2019")));
        await SaveAsync("preview", previewResponse);
        var receiptResponse = await Html.SubmitAsync(author, Html.Form(await Html.ParseAsync(previewResponse), "form#share-form"));
        await SaveAsync("receipt", receiptResponse);
        var receipt = (await Html.ParseAsync(receiptResponse)).QuerySelector("#receipt-code")!.TextContent.Trim();
        var status = await MyStoryJourney.OpenAsync(author, receipt);
        await SaveAsync("status", await author.GetAsync("/my-story")); // the entry form again
        var edit = await Html.SubmitAsync(author, Html.Form(status, "form#edit-form"));
        await SaveAsync("edit", edit);
        await SaveAsync("withdraw", await Html.SubmitAsync(author, Html.Form(status, "form#withdraw-form")));

        // Staff pages.
        var (admin, _) = await ModerationJourney.SignedInAsync(_app, StaffRoles.Admin);
        var pendingId = (await _app.WithDbAsync(db => Stories.AddAsync(db, 1, new DateOnly(2026, 3, 1), null)))[0].PublicId;
        await ReaderJourney.ReportAsync(_app.CreateClientFrom("198.51.100.61"), stories[0].PublicId, "IdentifiesSomeone", "They are named.");
        foreach (var (name, url) in new[]
        {
            ("account", "/account"), ("two-factor", "/account/twofactor"), ("change-password", "/account/changepassword"),
            ("queue", "/moderation"), ("review", $"/moderation/review/{pendingId}"), ("reports", "/moderation/reports"),
            ("audit", "/moderation/audit"), ("admin", "/admin"), ("moderators", "/admin/moderators"), ("settings", "/admin/settings"),
            ("words", "/admin/words"), ("bulk", "/admin/bulk"), ("export", "/admin/export"), ("help-lines", "/admin/helplines"), ("translations", "/admin/translations"),
            ("queue-fr", "/fr/moderation"), ("review-es", $"/es/moderation/review/{pendingId}"),
        })
        {
            await SaveAsync(name, await admin.GetAsync(url));
        }

        var review = await ModerationJourney.OpenAsync(admin, pendingId);
        await SaveAsync("review-error", await ModerationJourney.DecideAsync(admin, review, "form#reject-form"));

        var files = Directory.GetFiles(_folder, "*.html");
        Assert.True(files.Length > 35, $"only {files.Length} pages were saved");
        var (exit, output) = Run("java", ["-jar", jar, "--errors-only", "--format", "gnu", .. files]);

        Assert.True(exit == 0 && output.Trim().Length == 0, "The Nu Html Checker found errors:\n" + output.Replace(_folder + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal));
    }

    private static (int Exit, string Output) Run(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
