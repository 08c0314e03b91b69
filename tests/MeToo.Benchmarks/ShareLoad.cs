using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace MeToo.Benchmarks;

/// <summary>
/// The share pipeline under load: clients at once, each sharing stories through the real forms —
/// the form, the preview (cleaning, detection of identifying details, validation) and the submit
/// (insert, receipt) — from its own address, with the app's share limits raised for the run. With
/// <c>withdraw</c>, each client then opens its story with the receipt and withdraws it (deletion and
/// the truncation of the write-ahead log): every kind of write an author makes.
/// </summary>
public static class ShareLoad
{
    private static readonly HtmlParser Parser = new();

    /// <summary>What the run did, with the time of each final submit and each confirmed withdrawal (ms).</summary>
    public sealed record Result(int Shared, int Failed, double StoriesPerSecond, double CpuMsPerStory, IReadOnlyList<double> SubmitMs, IReadOnlyList<double> WithdrawMs);

    public static async Task<Result> RunAsync(ServerProcess app, int clients, TimeSpan duration, bool withdraw = false)
    {
        var shared = 0;
        var failed = 0;
        var submits = new System.Collections.Concurrent.ConcurrentBag<double>();
        var withdrawals = new System.Collections.Concurrent.ConcurrentBag<double>();
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
                    var form = FormOf(await http.GetStringAsync("/share"), "share-form");
                    form["Draft.Body"] = [$"Story {n} from client {client}. It happened on the way home, and I told nobody for years. Writing it here is the first time I have said it."];
                    var preview = await PostAsync(http, form);
                    var submit = Stopwatch.StartNew();
                    var receipt = await PostAsync(http, FormOf(preview, "share-form"));
                    submits.Add(submit.Elapsed.TotalMilliseconds);
                    var code = Parser.ParseDocument(receipt).GetElementById("receipt-code")?.TextContent.Trim();
                    if (code is null)
                    {
                        Interlocked.Increment(ref failed);
                        continue;
                    }

                    Interlocked.Increment(ref shared);
                    if (withdraw)
                    {
                        var open = FormOf(await http.GetStringAsync("/my-story"), "receipt-form");
                        open["ReceiptCode"] = [code];
                        var confirm = await PostAsync(http, FormOf(await PostAsync(http, open), "withdraw-form"));
                        var confirmed = Stopwatch.StartNew();
                        var gone = await PostAsync(http, FormOf(confirm, "withdraw-confirm-form"));
                        withdrawals.Add(confirmed.Elapsed.TotalMilliseconds);
                        if (!gone.Contains("id=\"withdrawn\"", StringComparison.Ordinal))
                        {
                            Interlocked.Increment(ref failed);
                        }
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
        return new Result(shared, failed, shared / seconds, cpu / Math.Max(shared, 1), [.. submits], [.. withdrawals]);
    }

    private sealed class Form : Dictionary<string, List<string>>
    {
        public string Action { get; init; } = "/share";
    }

    /// <summary>The fields a browser would send with the form <paramref name="id"/> of the page.</summary>
    private static Form FormOf(string page, string id)
    {
        var document = Parser.ParseDocument(page);
        var element = document.GetElementById(id) as IHtmlFormElement
            ?? throw new InvalidOperationException($"no form #{id} on the page");
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

        return form;
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
