using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace MeToo.Benchmarks;

/// <summary>
/// The share pipeline under load: clients at once, each sharing stories through the real forms —
/// the form, the preview (cleaning, detection of identifying details, validation) and the submit
/// (insert, receipt) — from its own address, with the app's share limits raised for the run.
/// </summary>
public static class ShareLoad
{
    private static readonly HtmlParser Parser = new();

    public sealed record Result(int Shared, int Failed, double StoriesPerSecond, double CpuMsPerStory);

    public static async Task<Result> RunAsync(ServerProcess app, int clients, TimeSpan duration)
    {
        var shared = 0;
        var failed = 0;
        var cpuBefore = app.CpuMilliseconds();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Url) };
            http.DefaultRequestHeaders.TryAddWithoutValidation("X-Forwarded-For", $"198.18.{client / 250}.{(client % 250) + 1}");
            var n = 0;
            while (clock.Elapsed < duration)
            {
                n++;
                try
                {
                    var form = await FormAsync(http, await http.GetStringAsync("/share"));
                    form["Draft.Body"] = [$"Story {n} from client {client}. It happened on the way home, and I told nobody for years. Writing it here is the first time I have said it."];
                    var preview = await PostAsync(http, form);
                    var receipt = await PostAsync(http, await FormAsync(http, preview));
                    if (receipt.Contains("id=\"receipt-code\"", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref shared);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = app.CpuMilliseconds() - cpuBefore;
        return new Result(shared, failed, shared / seconds, cpu / Math.Max(shared, 1));
    }

    private sealed class Form : Dictionary<string, List<string>>
    {
        public string Action { get; init; } = "/share";
    }

    private static Task<Form> FormAsync(HttpClient http, string page)
    {
        _ = http;
        var document = Parser.ParseDocument(page);
        var element = document.QuerySelector("form#share-form") as IHtmlFormElement
            ?? throw new InvalidOperationException("no share form on the page");
        var form = new Form { Action = element.GetAttribute("action") is { Length: > 0 } action ? action : "/share" };
        void Add(string name, string value)
        {
            if (!form.TryGetValue(name, out var values))
            {
                form[name] = values = [];
            }

            values.Add(value);
        }

        foreach (var field in element.Elements)
        {
            switch (field)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button" or "reset" or "image" or "file"):
                    if (input.Type is not ("checkbox" or "radio") || input.IsChecked)
                    {
                        Add(input.Name!, input.Value);
                    }

                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    Add(area.Name!, area.Value);
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    foreach (var option in select.Options.Where(o => o.IsSelected))
                    {
                        Add(select.Name!, option.Value);
                    }

                    break;
            }
        }

        return Task.FromResult(form);
    }

    private static async Task<string> PostAsync(HttpClient http, Form form)
    {
        using var content = new FormUrlEncodedContent(form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v))));
        using var response = await http.PostAsync(form.Action, content);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"share answered {(int)response.StatusCode}");
        }

        return await response.Content.ReadAsStringAsync();
    }
}
