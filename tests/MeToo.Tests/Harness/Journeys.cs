using AngleSharp.Html.Dom;

namespace MeToo.Tests.Harness;

/// <summary>The author's and reader's journeys through the real pages and forms.</summary>
public static class Journeys
{
    public const string SampleBody =
        "It happened on my first job. A manager kept making remarks and I did not know who to tell. I am writing it down now.";

    /// <summary>Fills the share form and asks for a preview; returns the page the server answers with.</summary>
    /// <remarks><paramref name="language"/> is the path's language prefix: "", "/es" or "/fr".</remarks>
    public static async Task<IHtmlDocument> PreviewAsync(HttpClient client, IEnumerable<KeyValuePair<string, string>> values, string language = "")
    {
        var form = Html.Form(await Html.GetAsync(client, language + "/share"), "form#share-form");
        var response = await Html.SubmitAsync(client, form, values);
        return await Html.ParseAsync(response);
    }

    /// <summary>Shares a story through form, preview and submit; returns the receipt page.</summary>
    public static async Task<IHtmlDocument> ShareAsync(HttpClient client, IEnumerable<KeyValuePair<string, string>> values, string language = "")
    {
        var preview = await PreviewAsync(client, values, language);
        var confirm = Html.Form(preview, "form#share-form");
        var response = await Html.SubmitAsync(client, confirm);
        return await Html.ParseAsync(response);
    }

    public static Task<string> ShareAndGetReceiptAsync(HttpClient client, string body = SampleBody, params (string Name, string Value)[] more) =>
        ShareAndGetReceiptInAsync(client, string.Empty, body, more);

    public static async Task<string> ShareAndGetReceiptInAsync(HttpClient client, string language, string body, params (string Name, string Value)[] more)
    {
        var values = Html.Values([("Draft.Body", body), .. more]);
        var page = await ShareAsync(client, values, language);
        var receipt = page.QuerySelector("#receipt-code")?.TextContent.Trim();
        return receipt ?? throw new InvalidOperationException("No receipt on the page:\n" + page.Body?.TextContent);
    }
}

/// <summary>The author's journey at /my-story, through the real forms.</summary>
public static class MyStoryJourney
{
    public static async Task<IHtmlDocument> OpenAsync(HttpClient client, string receipt, string language = "")
    {
        var form = Html.Form(await Html.GetAsync(client, language + "/my-story"), "form#receipt-form");
        return await Html.ParseAsync(await Html.SubmitAsync(client, form, Html.Values(("ReceiptCode", receipt))));
    }

    public static Task<IHtmlDocument> EditAsync(HttpClient client, string receipt, params (string Name, string Value)[] changes) =>
        EditInAsync(client, string.Empty, receipt, changes);

    public static async Task<IHtmlDocument> EditInAsync(HttpClient client, string language, string receipt, params (string Name, string Value)[] changes)
    {
        var status = await OpenAsync(client, receipt, language);
        var editForm = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(status, "form#edit-form")));
        var preview = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(editForm, "form#edit-form"), Html.Values(changes)));
        var send = Html.Form(preview, "form#edit-form");
        return await Html.ParseAsync(await Html.SubmitAsync(client, send));
    }

    public static async Task<IHtmlDocument> WithdrawAsync(HttpClient client, string receipt, string language = "")
    {
        var status = await OpenAsync(client, receipt, language);
        var confirm = await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(status, "form#withdraw-form")));
        return await Html.ParseAsync(await Html.SubmitAsync(client, Html.Form(confirm, "form#withdraw-confirm-form")));
    }
}

/// <summary>A reader's journey: reporting a story through the real form, as a same-origin browser posts it.</summary>
public static class ReaderJourney
{
    public static async Task<HttpResponseMessage> ReportAsync(HttpClient client, string publicId, string reason = "IdentifiesSomeone", string note = "")
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await Html.GetAsync(client, $"/stories/{publicId}");
        var form = Html.Form(page, "form#report-form");
        using var request = new HttpRequestMessage(HttpMethod.Post, form.Action)
        {
            Content = new FormUrlEncodedContent([new("Reason", reason), new("Note", note)]),
        };
        request.Headers.Add("Origin", "https://localhost");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return await client.SendAsync(request);
    }
}
