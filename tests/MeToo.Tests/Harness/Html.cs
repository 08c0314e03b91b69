using AngleSharp;
using AngleSharp.Html.Dom;

namespace MeToo.Tests.Harness;

/// <summary>
/// Reads pages and submits their real forms, the way the official ASP.NET Core integration-test
/// sample does: every field the page rendered (anti-forgery token included) goes back, with the
/// values a test chooses on top.
/// </summary>
public static class Html
{
    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var content = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New();
        var document = await context.OpenAsync(request =>
        {
            request.Content(content);
            request.Address(response.RequestMessage!.RequestUri!);
            request.Status(response.StatusCode);
            foreach (var header in response.Content.Headers)
            {
                request.Header(header.Key, string.Join(", ", header.Value));
            }
        });
        return (IHtmlDocument)document;
    }

    public static async Task<IHtmlDocument> GetAsync(HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetAsync(url);
        return await ParseAsync(response);
    }

    public static IHtmlFormElement Form(IHtmlDocument document, string selector)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.QuerySelector(selector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form {selector} on {document.Url}:\n{document.Body?.TextContent}");
    }

    /// <summary>
    /// Submits <paramref name="form"/> as a browser would: its successful controls, with
    /// <paramref name="values"/> replacing every control of the same name, through the submit button
    /// matching <paramref name="submitter"/> (its formaction wins over the form's action).
    /// </summary>
    public static Task<HttpResponseMessage> SubmitAsync(
        HttpClient client,
        IHtmlFormElement form,
        IEnumerable<KeyValuePair<string, string>>? values = null,
        string? submitter = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(form);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !input.IsDisabled:
                    var type = input.Type.ToLowerInvariant();
                    if (type is "submit" or "button" or "reset" or "image" or "file")
                    {
                        break;
                    }

                    if (type is "checkbox" or "radio" && !input.IsChecked)
                    {
                        break;
                    }

                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    foreach (var option in select.Options.Where(o => o.IsSelected))
                    {
                        fields.Add(new(select.Name!, option.Value));
                    }

                    break;
            }
        }

        if (values is not null)
        {
            var overrides = values.ToList();
            var names = overrides.Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
            fields.RemoveAll(f => names.Contains(f.Key));
            fields.AddRange(overrides.Where(v => v.Value is not null));
        }

        // The raw attributes: the app renders root-relative actions.
        var action = form.GetAttribute("action") is { Length: > 0 } formAction
            ? formAction
            : new Uri(form.Owner!.Url).PathAndQuery;
        var method = form.Method;
        if (submitter is not null)
        {
            // A button may sit outside its form and name it (form="…"), as the language picker does.
            var button = (form.QuerySelector(submitter) ?? form.Owner?.QuerySelector(submitter)) as IHtmlButtonElement
                ?? throw new InvalidOperationException($"No submit button {submitter} in the form.");
            if (button.GetAttribute("formaction") is { Length: > 0 } buttonAction)
            {
                action = buttonAction;
            }

            if (!string.IsNullOrEmpty(button.Name))
            {
                fields.Add(new(button.Name, button.Value));
            }
        }

        if (string.Equals(method, "get", StringComparison.OrdinalIgnoreCase))
        {
            var query = string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
            return client.GetAsync(action.Split('?')[0] + "?" + query);
        }

        var request = new HttpRequestMessage(HttpMethod.Post, action)
        {
            Content = new FormUrlEncodedContent(fields),
        };
        return client.SendAsync(request);
    }

    /// <summary>Builds form values, several per name allowed (checkbox groups).</summary>
    public static List<KeyValuePair<string, string>> Values(params (string Name, string Value)[] pairs) =>
        [.. pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))];
}
