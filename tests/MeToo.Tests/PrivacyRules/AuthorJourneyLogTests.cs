using MeToo.Tests.Harness;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Tests.PrivacyRules;

/// <summary>privacy rules 2 and 6: an author's whole journey leaves no trace in the logs.</summary>
public sealed class AuthorJourneyLogTests : IDisposable
{
    private readonly MeTooFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task TheFullAuthorJourney_WritesNoLogEvent_AtAnyLevel()
    {
        const string address = "192.0.2.44";
        const string agent = "JourneyAgent/3.1 (author)";
        var client = _app.CreateClientFrom(address, agent);
        var body = $"The text of an author's story that must never reach a log. {Guid.NewGuid():N}";
        await client.GetAsync("/"); // warm-up outside the journey: first-use messages are not the author's
        await Eventually.WaitForAsync(() => _app.Logs.Events.Count, n => n > 0);
        _app.Logs.Clear();

        var receipt = await Journeys.ShareAndGetReceiptAsync(client, body);
        var publicId = await _app.WithDbAsync(db => db.Stories.Where(s => s.Body == body).Select(s => s.PublicId).SingleAsync());
        await MyStoryJourney.OpenAsync(client, receipt);
        var edited = body + " Edited.";
        await MyStoryJourney.EditAsync(client, receipt, ("Draft.Body", edited));
        await MyStoryJourney.WithdrawAsync(client, receipt);
        await client.GetAsync("/stories"); // a reader's request, which is logged, closes the window
        var events = await Eventually.WaitForAsync(() => _app.Logs.Events.ToList(), e => e.Any(x => x.RenderMessage(null).Contains("GET /stories", StringComparison.Ordinal)));

        var journey = events.Where(e => !e.RenderMessage(null).Contains("GET /stories", StringComparison.Ordinal)).ToList();
        Assert.True(journey.Count == 0, "an author request logged: " + string.Join(" / ", journey.Select(e => $"[{e.Level}] {e.RenderMessage(null)}")));
        var rendered = _app.Logs.RenderedEvents().ToList();
        Assert.NotEmpty(rendered); // the reader's request at least: the capture works

        foreach (var secret in new[] { address, agent, "JourneyAgent", "handler=", "?", body, edited, "never reach a log", receipt, receipt.Replace("-", ""), publicId })
        {
            Assert.All(rendered, line => Assert.DoesNotContain(secret, line));
        }
    }
}
