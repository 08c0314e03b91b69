using MeToo.Tests.Harness;
using TestStories = MeToo.Tests.Harness.Stories;

namespace MeToo.Tests.PrivacyRules;

/// <summary>
/// privacy rules 1, 9 and 11 for readers: supporting, saying #MeToo and reporting leave no
/// address, user agent, forwarded-for or referrer in the database files or the logs, and no cookie.
/// </summary>
public sealed class ReaderTraceTests : IDisposable
{
    private const string Address = "203.0.113.211";
    private const string UserAgent = "ReaderTraceAgent/9.1 (scan; qv42)";
    private const string ForwardedFor = "198.51.100.93";
    private const string Referrer = "https://referrer.example/reader-page-8812";

    private readonly MeTooFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task SupportMeTooAndReport_LeaveNoTraceOfTheReader_OnDiskOrInTheLogs()
    {
        var stories = await _app.WithDbAsync(db => TestStories.AddAsync(db, 1, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2)));
        var publicId = stories[0].PublicId;
        var client = _app.CreateClientFrom(Address, UserAgent);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", ForwardedFor);
        client.DefaultRequestHeaders.Referrer = new Uri(Referrer);
        client.DefaultRequestHeaders.Add("Origin", "https://localhost");
        client.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");

        var responses = new List<HttpResponseMessage>
        {
            await client.GetAsync($"/stories/{publicId}"),
            await client.PostAsync($"/stories/{publicId}/support", new FormUrlEncodedContent([])),
            await client.PostAsync("/metoo", new FormUrlEncodedContent([new("Setting", "workplace")])),
            await client.PostAsync($"/stories/{publicId}/report", new FormUrlEncodedContent([new("Reason", "Spam")])),
            await client.GetAsync("/stories?q=" + Uri.EscapeDataString("private search words")),
        };
        Assert.Equal(1, await _app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.StoryReports)));
        // Request lines are written as the middleware unwinds, after the response: wait for the last.
        var logs = await Eventually.WaitForAsync(() => Files.ReadFolderText(_app.LogFolder), text => text.Contains("GET /stories responded", StringComparison.Ordinal));
        var files = await Files.DatabaseFilesAsync(_app);

        Assert.Contains("POST /stories/{publicId}/support responded", logs, StringComparison.Ordinal); // the lines exist, without the reader
        foreach (var trace in new[] { Address, UserAgent, "ReaderTraceAgent", ForwardedFor, Referrer, "reader-page-8812", "private search words", "private+search" })
        {
            Assert.All(files, f => Assert.False(Files.Contains(f.Value, trace), $"{trace} is in {f.Key}"));
            Assert.DoesNotContain(trace, logs, StringComparison.Ordinal);
        }

        Assert.All(responses, r => Assert.False(r.Headers.Contains("Set-Cookie")));
    }
}
