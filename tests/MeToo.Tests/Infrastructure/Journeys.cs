using AngleSharp.Html.Dom;

namespace MeToo.Tests.Infrastructure;

/// <summary>The author's and reader's journeys through the real pages and forms.</summary>
public static class Journeys
{
    public const string SampleBody =
        "It happened on my first job. A manager kept making remarks and I did not know who to tell. I am writing it down now.";

    /// <summary>Fills the share form and asks for a preview; returns the page the server answers with.</summary>
    public static async Task<IHtmlDocument> PreviewAsync(HttpClient client, IEnumerable<KeyValuePair<string, string>> values)
    {
        var form = Html.Form(await Html.GetAsync(client, "/share"), "form#share-form");
        var response = await Html.SubmitAsync(client, form, values);
        return await Html.ParseAsync(response);
    }

    /// <summary>Shares a story through form, preview and submit; returns the receipt page.</summary>
    public static async Task<IHtmlDocument> ShareAsync(HttpClient client, IEnumerable<KeyValuePair<string, string>> values)
    {
        var preview = await PreviewAsync(client, values);
        var confirm = Html.Form(preview, "form#share-form");
        var response = await Html.SubmitAsync(client, confirm);
        return await Html.ParseAsync(response);
    }

    public static async Task<string> ShareAndGetReceiptAsync(HttpClient client, string body = SampleBody, params (string Name, string Value)[] more)
    {
        var values = Html.Values([("Draft.Body", body), .. more]);
        var page = await ShareAsync(client, values);
        var receipt = page.QuerySelector("#receipt-code")?.TextContent.Trim();
        return receipt ?? throw new InvalidOperationException("No receipt on the page:\n" + page.Body?.TextContent);
    }
}
