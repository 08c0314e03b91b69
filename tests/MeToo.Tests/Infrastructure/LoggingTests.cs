using MeToo.Tests.Harness;

namespace MeToo.Tests.Infrastructure;

public sealed class LoggingTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task RequestLog_NamesTheRouteTemplate_NeverTheRawPathQueryAddressOrUserAgent()
    {
        var client = app.CreateClientFrom("203.0.113.77", "DistinctiveAgent/9.9");
        var story = await app.WithDbAsync(async db => (await Harness.Stories.AddAsync(db, 1, new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1)))[0]);
        app.Logs.Clear();

        await client.GetAsync($"/stories/{story.PublicId}");
        await client.GetAsync("/stories?setting=online&year=2019&after=secretcursorvalue");

        var lines = await Eventually.WaitForAsync(
            () => app.Logs.RenderedEvents().ToList(),
            l => l.Count(x => x.Contains("HTTP GET", StringComparison.Ordinal)) >= 2);
        Assert.Contains(lines, l => l.Contains("GET /stories/{publicId} responded 200", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("GET /stories responded 200", StringComparison.Ordinal));
        Assert.All(lines, l =>
        {
            Assert.DoesNotContain(story.PublicId, l);
            Assert.DoesNotContain("setting=online", l);
            Assert.DoesNotContain("secretcursorvalue", l);
            Assert.DoesNotContain("203.0.113.77", l);
            Assert.DoesNotContain("DistinctiveAgent", l);
        });
    }

    [Fact]
    public async Task AuthorPages_AreNotRequestLoggedAtAll()
    {
        var client = app.CreateClientFrom("198.51.100.23", "AuthorAgent/1.0");
        app.Logs.Clear();

        var receipt = await Journeys.ShareAndGetReceiptAsync(client, "An author's story that should leave no line in any log file at all.");
        await Journeys.PreviewAsync(client, Html.Values(("Draft.Body", "bad")));
        await client.GetAsync("/stories");

        // The reader's request after them is logged; the author's requests before it are not.
        var lines = await Eventually.WaitForAsync(() => app.Logs.RenderedEvents().ToList(), l => l.Any(x => x.Contains("HTTP GET /stories", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Contains("HTTP ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("/share", StringComparison.OrdinalIgnoreCase));
        Assert.All(lines, l => Assert.DoesNotContain(receipt, l));
    }

    [Fact]
    public async Task LogFile_IsWritten_AndHoldsNoAddressOrAgent()
    {
        var client = app.CreateClientFrom("192.0.2.199", "FileAgent/2.0");

        await client.GetAsync("/stories?year=2019");
        await Journeys.ShareAndGetReceiptAsync(client, "Another story whose author must not appear in the log file.");

        // The file sink writes unbuffered, so the file can be read while the app runs.
        var text = await Eventually.WaitForAsync(() => Files.ReadFolderText(app.LogFolder), t => t.Contains("GET /stories responded 200", StringComparison.Ordinal));
        Assert.Contains("GET /stories responded 200", text);
        Assert.DoesNotContain("192.0.2.199", text);
        Assert.DoesNotContain("FileAgent", text);
        Assert.DoesNotContain("year=2019", text);
        Assert.DoesNotContain("must not appear", text);
    }
}
