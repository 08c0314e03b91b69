using AngleSharp.Html.Dom;
using MeToo.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace MeToo.Tests.Harness;

/// <summary>A moderator's journey through the real sign-in page, queue and review forms.</summary>
public static class ModerationJourney
{
    public static async Task<(HttpClient Client, string Name)> SignedInAsync(MeTooFactory app, string role = StaffRoles.Moderator)
    {
        var name = (role == StaffRoles.Admin ? "admin-" : "mod-") + Guid.NewGuid().ToString("N")[..8];
        await StaffJourney.CreateAsync(app, name, role);
        var client = app.CreateClient();
        var response = await StaffJourney.SignInAsync(client, name);
        Assert.Equal("/account", response.Headers.Location?.OriginalString);
        return (client, name);
    }

    /// <summary>Shares a story as an author would and returns its public id and receipt.</summary>
    public static async Task<(string PublicId, string Receipt)> SharedStoryAsync(MeTooFactory app, string body, params (string Name, string Value)[] more)
    {
        ArgumentNullException.ThrowIfNull(app);
        var receipt = await Journeys.ShareAndGetReceiptAsync(app.CreateClient(), body, more);
        var stored = MeToo.Web.Privacy.TextCleaner.CleanText(body); // as the app stores it
        var publicId = await app.WithDbAsync(db => db.Stories.Where(s => s.Body == stored).Select(s => s.PublicId).SingleAsync());
        return (publicId, receipt);
    }

    public static Task<IHtmlDocument> OpenAsync(HttpClient client, string publicId) =>
        Html.GetAsync(client, $"/moderation/review/{publicId}");

    /// <summary>Submits one of the review forms with <paramref name="values"/> on top of what the page rendered.</summary>
    public static Task<HttpResponseMessage> DecideAsync(HttpClient client, IHtmlDocument review, string form, params (string Name, string Value)[] values) =>
        Html.SubmitAsync(client, Html.Form(review, form), Html.Values(values));

    public static async Task<HttpResponseMessage> ApproveAsync(HttpClient client, string publicId, params (string Name, string Value)[] values)
    {
        var review = await OpenAsync(client, publicId);
        return await DecideAsync(client, review, "form#approve-form", [("Confirmed", "true"), .. values]);
    }

    public static bool WentToQueue(HttpResponseMessage response) =>
        response.Headers.Location?.OriginalString.StartsWith("/moderation?done", StringComparison.Ordinal) == true;
}
