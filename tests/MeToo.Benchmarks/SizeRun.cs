using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace MeToo.Benchmarks;

/// <summary>Everything the harness measures at one number of stories.</summary>
public sealed partial class SizeRun(string root, string published, int size, HarnessSettings settings, Report report) : IAsyncDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("metoo-bench-").FullName;
    private readonly List<ServerProcess> _servers = [];
    private readonly CancellationTokenSource _sampling = new();
    private string _database = string.Empty;
    private ServerProcess? _raw;
    private double _peakMb;
    private double _partPeakMb;

    /// <summary>The published app's folder: its content root, where it starts.</summary>
    private string AppDirectory => published;

    /// <summary>The published app's own executable, self-contained, as an operator runs it.</summary>
    private string AppHost => Path.Combine(published, OperatingSystem.IsWindows() ? "MeToo.Web.exe" : "MeToo.Web");

    public async Task RunAsync()
    {
        var sampler = Task.Run(SampleAsync);
        await PrepareAsync();

        await using (var app = await StartAppAsync(cached: true))
        {
            await StartRawAsync(app);
            await WhenAsync("cached", () => CachedAsync(app));
            await WhenAsync("searchload", () => UnderSearchLoadAsync(app));
            await WhenAsync("support", () => SupportAsync(app));
            await WhenAsync("share", () => ShareAsync(app));
        }

        await using (var app = await StartAppAsync(cached: false))
        {
            await CheckRawAsync(app);
            await WhenAsync("uncached", () => UncachedAsync(app));
            await WhenAsync("search", () => SearchAsync(app));
        }

        await WhenAsync("startup", StartUpAsync);
        await _sampling.CancelAsync();
        await sampler;
        report.Row(size, "peak anonymous memory (RSS) of the app over the whole run", $"{_peakMb:0} MB", "250 MB", _peakMb / 250, 1);
    }

    /// <summary>Seeds the database with the app's command, and times a raw load of the same rows and index.</summary>
    private async Task PrepareAsync()
    {
        Console.Error.WriteLine($"Preparing {size:N0} stories in {_work}…");
        var empty = Path.Combine(_work, "empty.db");
        ServerProcess.Run(AppHost, "seed --stories 1", AppDirectory, Environment(empty, cached: true));
        await using (var connection = Open(empty))
        {
            await ExecuteAsync(connection, "DELETE FROM StoryTags; DELETE FROM Stories; DELETE FROM DailyTallies; VACUUM;");
        }

        SqliteConnection.ClearAllPools();
        _database = Path.Combine(_work, "metoo.db");
        File.Copy(empty, _database);
        var clock = Stopwatch.StartNew();
        ServerProcess.Run(AppHost, $"seed --stories {size}", AppDirectory, Environment(_database, cached: true));
        var seed = clock.Elapsed;

        var rawCopy = Path.Combine(_work, "raw-load.db");
        File.Copy(empty, rawCopy);
        clock.Restart();
        await using (var connection = Open(rawCopy))
        {
            await ExecuteAsync(connection, $"""
                PRAGMA cache_size = -262144;
                ATTACH DATABASE '{_database}' AS source;
                BEGIN;
                INSERT INTO Stories SELECT * FROM source.Stories;
                INSERT INTO StoryTags SELECT * FROM source.StoryTags;
                COMMIT;
                """);
        }

        var raw = clock.Elapsed;
        SqliteConnection.ClearAllPools();
        File.Delete(rawCopy);
        report.Row(size, $"`seed --stories {size}` (process start and text generation included)", $"{seed.TotalSeconds:0.0} s", $"raw INSERT … SELECT of the same rows and index {raw.TotalSeconds:0.0} s", seed / raw, 1.5);
        if (OnPostgres)
        {
            await PreparePostgresAsync();
        }
    }

    private async Task StartRawAsync(ServerProcess app)
    {
        var page = await GetTextAsync(app, "/stories");
        var template = Path.Combine(_work, "template.txt");
        PageTemplate.From(page).Save(template);
        using var compressed = new HttpRequestMessage(HttpMethod.Get, "/stories");
        compressed.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        using var response = await app.Http.SendAsync(compressed);
        var memory = Path.Combine(_work, "memory.br");
        await File.WriteAllBytesAsync(memory, await response.Content.ReadAsByteArrayAsync());
        var port = ServerProcess.FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "MeToo.Benchmarks.dll");
        _raw = ServerProcess.Start("raw", "dotnet", $"\"{dll}\" raw \"{_database}\" {port} \"{template}\" \"{memory}\" \"{Path.Combine(root, "src", "MeToo.Web", "Resources", "SharedResource.resx")}\"", _work, new Dictionary<string, string>(DeployedRuntime.Environment), port);
        _servers.Add(_raw);
        await _raw.WaitUntilUpAsync("/memory");
        await JitWarmUpAsync(_raw, "/stories", "/memory");
        await CheckRawAsync(app);
    }

    /// <summary>The raw baseline must write the very page the app writes, or its figures mean nothing.</summary>
    private async Task CheckRawAsync(ServerProcess app)
    {
        var page = await GetTextAsync(app, "/stories");
        var rawPage = await GetTextAsync(_raw!, "/stories");
        if (Normalise(rawPage) != Normalise(page))
        {
            var a = Normalise(page);
            var b = Normalise(rawPage);
            var at = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i]);
            report.Fail($"the raw baseline's page differs from the app's at character {at}: app «{a[Math.Max(0, at - 80)..Math.Min(a.Length, at + 80)]}» raw «{b[Math.Max(0, at - 80)..Math.Min(b.Length, at + 80)]}»");
        }
    }

    private async Task CachedAsync(ServerProcess app)
    {
        var (a, b) = await CompareAsync(app, ["get", "/stories"], _raw!, ["get", "/memory"], 16, "the cached page");
        report.Row(size, "`/stories` first page, cache on, 16 connections", Describe(a), "raw: the same bytes from memory, " + Describe(b), a.CpuMsPerRequest / b.CpuMsPerRequest, 1.5);

        // Weight: what a first visit to /stories downloads, compressed as browsers ask.
        var page = await GetTextAsync(app, "/stories");
        var assets = AssetPattern().Matches(page).Select(m => m.Groups[1].Value).Distinct().ToList();
        long bytes = await CompressedLengthAsync(app, "/stories");
        foreach (var asset in assets)
        {
            bytes += await CompressedLengthAsync(app, asset);
        }

        var thirdParty = ThirdPartyPattern().Count(page);
        report.Row(size, "`/stories` weight: HTML + CSS + JS, Brotli", $"{bytes / 1024d:0.0} KB ({assets.Count} assets), {thirdParty} third-party requests", "20 KB", bytes / (20 * 1024d), 1);
        if (thirdParty > 0)
        {
            report.Fail("the page of stories asks another site for something");
        }
    }

    private async Task UnderSearchLoadAsync(ServerProcess app)
    {
        var story = StoryPattern().Match(await GetTextAsync(app, "/stories")).Groups[1].Value;
        var words = await WordsAsync();
        await WarmAsync(app, ["get", "/"]);
        await WarmAsync(app, ["get", story]);
        var home = await Wrk.RunAsync(app, 1, settings.Seconds, "get", "/");
        var page = await Wrk.RunAsync(app, 1, settings.Seconds, "get", story);
        var queries = new[] { words.Common, words.Everywhere, words.Common + "+" + words.Second };
        var searches = queries.SelectMany(q => new[] { "/stories?q=" + q, "/stories?q=" + q + "&sort=relevant" }).ToArray();
        // The searches are warmed as the pages are: measured cold, the JIT's tiering of the search's
        // code took a core's worth of CPU during the measurement (perf sched: the tiered compilation
        // thread ran 3.0 s of the 6 s recorded), and the probes waited behind it.
        await Wrk.RunAsync(app, 32, 2 * settings.WarmUpSeconds, ["readers", .. searches]);
        // Readers, who wait the Retry-After they are told; then clients that ask again at once.
        foreach (var (mode, who) in new[] { ("readers", "32 readers searching common words (a refused one waits its Retry-After)"), ("get", "32 connections searching common words, asking again the instant they are refused") })
        {
            // The two pages are asked one after the other, as they were unloaded: asked at once, each
            // page's reader also waited for the other's (and a third wrk shared the two cores), which
            // the unloaded figures did not have.
            var load = Wrk.RunAsync(app, 32, (2 * settings.Seconds) + 2, [mode, .. searches]);
            await Task.Delay(1000);
            var h = await Wrk.RunAsync(app, 1, settings.Seconds, "get", "/");
            var p = await Wrk.RunAsync(app, 1, settings.Seconds, "get", story);
            var s = await load;
            var target = mode == "readers" ? 2 : (double?)null;
            report.Row(size, $"home page p95 while {who}", $"{h.P95:0.0} ms", $"unloaded {home.P95:0.0} ms", h.P95 / home.P95, target);
            report.Row(size, $"story page p95 while {who}", $"{p.P95:0.0} ms", $"unloaded {page.P95:0.0} ms", p.P95 / page.P95, target);
            report.Row(size, $"the searches of {who}", $"{s.Ok:N0} answered, {s.Limited:N0} told 429 with Retry-After, {s.Errors:N0} errors, {s.RequestsPerSecond:0} req/s, p95 {s.P95:0} ms");
            if (s.Errors + h.Errors + p.Errors > 0)
            {
                report.Fail("errors while searching under load");
            }
        }

        await FloorOfSearchingAsync(app, story, home, page, queries);
    }

    /// <summary>
    /// The same two pages while SQLite alone runs the searches' queries (<see cref="RawSearches"/>) on
    /// as many threads as the app searches on (its default: one core left to the pages), in the idle
    /// class: what idle-class search work on this machine's cores costs a page, with no app code in it.
    /// </summary>
    private async Task FloorOfSearchingAsync(ServerProcess app, string story, LoadResult home, LoadResult page, string[] searches)
    {
        var threads = Math.Max(1, System.Environment.ProcessorCount - 1);
        var dll = Path.Combine(AppContext.BaseDirectory, "MeToo.Benchmarks.dll");
        await using var raw = ServerProcess.Start("raw-searches", "dotnet", $"\"{dll}\" raw-searches \"{_database}\" {threads} {string.Join(' ', searches)}", _work, new Dictionary<string, string>(DeployedRuntime.Environment), 0);
        await Task.Delay(2000); // its start and its JIT, at normal priority, before the pages are asked
        var cpu = raw.CpuMilliseconds();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var h = await Wrk.RunAsync(app, 1, settings.Seconds, "get", "/");
        var p = await Wrk.RunAsync(app, 1, settings.Seconds, "get", story);
        var busy = (raw.CpuMilliseconds() - cpu) / clock.Elapsed.TotalMilliseconds;
        var who = $"SQLite alone runs the same searches on {threads} idle-class thread{(threads == 1 ? string.Empty : "s")} (no app work; {busy:0.00} cores busy)";
        report.Row(size, $"home page p95 while {who}", $"{h.P95:0.0} ms", $"unloaded {home.P95:0.0} ms", h.P95 / home.P95);
        report.Row(size, $"story page p95 while {who}", $"{p.P95:0.0} ms", $"unloaded {page.P95:0.0} ms", p.P95 / page.P95);
        if (h.Errors + p.Errors > 0)
        {
            report.Fail("errors while SQLite searched beside the app");
        }
    }

    private async Task SupportAsync(ServerProcess app)
    {
        var ids = Path.Combine(_work, "ids.txt");
        await using (var connection = Open(_database))
        {
            var list = await QueryAsync(connection, "SELECT PublicId FROM Stories WHERE Status = 'Published' ORDER BY random() LIMIT 2000", r => r.GetString(0));
            await File.WriteAllLinesAsync(ids, list);
        }

        var (a, b) = await CompareAsync(app, ["post", ids, "/stories/", "/support"], _raw!, ["post", ids, "/support/", string.Empty], 16);
        report.Row(size, "silent support POST, 16 connections, each request a distinct client", Describe(a), "raw: the same two writes in one transaction, " + Describe(b), a.RequestsPerSecond / b.RequestsPerSecond, 0.5, lowerIsBetter: false);
        if (a.Errors + b.Errors > 0 || a.Limited > 0)
        {
            report.Fail($"support under load: {a.Errors} errors and {a.Limited} refusals from the app, {b.Errors} from the raw baseline");
        }

        await LostIncrementsAsync(app, await File.ReadAllLinesAsync(ids));
        await AlignSupportCountsAsync();
    }

    private async Task ShareAsync(ServerProcess app)
    {
        // Warmed first like every other measurement, and as long as the pages' JIT warm-up: the share
        // pipeline's code (preview, detection, screening, the receipt) is not run by the page warm-up,
        // and measured cold its JIT counted against the first seconds of stories.
        await ShareLoad.RunAsync(app, 8, TimeSpan.FromSeconds(settings.Smoke ? 1 : 4 * settings.WarmUpSeconds));
        var result = await ShareLoad.RunAsync(app, 8, TimeSpan.FromSeconds(settings.Seconds * (settings.Smoke ? 2 : 4)));
        report.Row(size, "share pipeline: form, preview, submit, 8 clients at once, share limits raised", $"{result.StoriesPerSecond:0} stories/s, {result.CpuMsPerStory:0.0} ms CPU per story, {result.Failed} failed", "200 stories/s", result.StoriesPerSecond / 200, 1, lowerIsBetter: false);
        if (result.Failed > 0)
        {
            report.Fail($"{result.Failed} shares failed under load");
        }
    }

    /// <summary>200 clients at once, each supporting five stories from its own address: every counted tap is in the database.</summary>
    private async Task LostIncrementsAsync(ServerProcess app, string[] ids)
    {
        const int Clients = 200, Each = 5;
        // wrk stops with requests in flight, and the server still answers them: let them land first
        // (once, they made the count one more than this check's taps).
        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = await TotalSupportAsync();

        var counted = 0;
        var failed = 0;
        var answers = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Clients }) { BaseAddress = new Uri(app.Url) };
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            for (var i = 0; i < Each; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/stories/{ids[(client * Each + i) % ids.Length]}/support");
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"172.{16 + (client / 250)}.{client % 250}.{i + 1}");
                request.Headers.Accept.ParseAdd("application/json");
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && body.Contains("\"counted\":true", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref counted);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    answers.Enqueue($"{(int)response.StatusCode} {body[..Math.Min(body.Length, 80)]}");
                }
            }
        }));
        var added = await TotalSupportAsync() - before;
        report.Row(size, $"{Clients} clients supporting at once, {Clients * Each} taps", $"{counted} counted, {added} added to the counts, {failed} not counted", $"{Clients * Each} taps");
        if (added != counted || counted != Clients * Each)
        {
            report.Fail($"lost increments: {Clients * Each} taps, {counted} answered as counted, {added} in the database; the others were answered: {string.Join("; ", answers.GroupBy(a => a).Select(g => $"{g.Count()} × {g.Key}"))}");
        }
    }

    private async Task UncachedAsync(ServerProcess app)
    {
        var (a, b) = await CompareAsync(app, ["get", "/stories"], _raw!, ["get", "/stories"], 16, "the uncached page");
        report.Row(size, "`/stories` first page, cache off, 16 connections", Describe(a), "raw: the same HTML from the same rows, " + Describe(b), a.CpuMsPerRequest / b.CpuMsPerRequest, 2);
        var deep = await CursorAsync(size / 2);
        var first = await MedianAsync(app, 1, "/stories");
        _firstPageP95 = first.P95;
        var middle = await MedianAsync(app, 1, "/stories?after=" + deep);
        report.Row(size, "`/stories` first page, cache off, one connection", $"p50 {first.P50:0.00} ms, p95 {first.P95:0.00} ms");
        report.Row(size, $"keyset page in the middle ({size / 2:N0} stories deep), cache off, one connection", $"p95 {middle.P95:0.00} ms", $"first page p95 {first.P95:0.00} ms", middle.P95 / first.P95, 1.5);
        var supported = await MedianAsync(app, 1, "/stories?sort=supported");
        var supportedMiddle = await MedianAsync(app, 1, "/stories?sort=supported&after=" + await SupportCursorAsync(size / 2));
        report.Row(size, "\"most supported\" first page, cache off, one connection (the live order, from its index)", $"p95 {supported.P95:0.00} ms", $"newest first p95 {first.P95:0.00} ms", supported.P95 / first.P95, 1.5);
        report.Row(size, $"\"most supported\" page in the middle ({size / 2:N0} stories deep), cache off, one connection", $"p95 {supportedMiddle.P95:0.00} ms", $"newest first p95 {first.P95:0.00} ms", supportedMiddle.P95 / first.P95, 1.5);
    }

    private double _firstPageP95;

    /// <summary>The "most supported" cursor of the story <paramref name="offset"/> places down that order.</summary>
    private async Task<string> SupportCursorAsync(int offset)
    {
        await using var connection = Open(_database);
        return (await QueryAsync(connection, $"SELECT SupportCount, PublicId FROM Stories WHERE Status = 'Published' ORDER BY SupportCount DESC, PublicId DESC LIMIT 1 OFFSET {offset}", r => $"s{r.GetInt32(0)}-{r.GetString(1)}")).Single();
    }


    /// <summary>Runs one part of the measurement, unless <c>--only</c> named others (while tuning); says its app's peak memory so far.</summary>
    private async Task WhenAsync(string part, Func<Task> measure)
    {
        if (settings.Only.Count == 0 || settings.Only.Contains(part))
        {
            await measure();
            Console.Error.WriteLine($"  {size:N0} · after {part}: the app's peak anonymous memory so far {_partPeakMb:0} MB");
        }
    }

    private async Task SearchAsync(ServerProcess app)
    {
        if (_firstPageP95 == 0)
        {
            // Run without the uncached part (--only search): its divisor, the uncached first page, measured here.
            var first = await MedianAsync(app, 1, "/stories");
            _firstPageP95 = first.P95;
            report.Row(size, "`/stories` first page, cache off, one connection", $"p50 {first.P50:0.00} ms, p95 {first.P95:0.00} ms");
        }

        var words = await WordsAsync();
        var cases = new (string What, string Query, double Target)[]
        {
            ($"a rare word («{words.Rare}», {words.RareCount:N0} stories)", words.Rare, 3),
            ($"a common word («{words.Common}», {words.CommonCount:N0})", words.Common, 3),
            ($"a word in nearly every story («{words.Everywhere}», {words.EverywhereCount:N0})", words.Everywhere, 3),
            ($"two words («{words.Common} {words.Second}»)", words.Common + "+" + words.Second, 3),
            ("no match («zzzzqqq»)", "zzzzqqq", 3),
        };
        foreach (var (what, query, target) in cases)
        {
            var result = await MedianAsync(app, 1, "/stories?q=" + query);
            report.Row(size, "search, newest first, one connection: " + what, $"p50 {result.P50:0.00} ms, p95 {result.P95:0.00} ms", $"uncached first page p95 {_firstPageP95:0.00} ms", result.P95 / _firstPageP95, target);
        }

        foreach (var (what, query, target) in new[] { ($"a common word («{words.Common}»)", words.Common, 10d), ($"two common words («{words.Common} {words.Second}»)", words.Common + "+" + words.Second, 10d), ($"a rare word («{words.Rare}»)", words.Rare, 3d) })
        {
            var result = await MedianAsync(app, 1, $"/stories?q={query}&sort=relevant");
            report.Row(size, "search, most relevant, one connection: " + what, $"p50 {result.P50:0.00} ms, p95 {result.P95:0.00} ms", $"uncached first page p95 {_firstPageP95:0.00} ms", result.P95 / _firstPageP95, target);
        }
    }

    private async Task StartUpAsync()
    {
        var times = new List<double>();
        for (var i = 0; i < Math.Max(settings.Rounds, 1); i++)
        {
            var port = ServerProcess.FreePort();
            await using var app = ServerProcess.Start("app", AppHost, $"--urls http://127.0.0.1:{port}", AppDirectory, Environment(_database, cached: true), port);
            times.Add((await app.WaitUntilUpAsync("/")).TotalSeconds);
        }

        var median = times.Order().ElementAt(times.Count / 2);
        report.Row(size, "start to first 200 on `/`, existing database", $"{median:0.00} s (median of {times.Count})", "1.5 s", median / 1.5, 1);
    }

    /// <summary>
    /// A/B/A…: the two servers take turns, each after its own warm-up; the medians of each. Pages
    /// (GETs) are warmed until their cost stops falling, each server on its own; the warm-up of
    /// each is said in the table.
    /// </summary>
    private async Task<(LoadResult A, LoadResult B)> CompareAsync(ServerProcess a, string[] aArguments, ServerProcess b, string[] bArguments, int connections, string? what = null)
    {
        if (what is not null)
        {
            var warmA = await SettleAsync(a, aArguments, connections);
            var warmB = await SettleAsync(b, bArguments, connections);
            report.Row(size, $"warm-up before {what}: CPU per request of each {settings.WarmUpSeconds:0.#} s until it stops falling", $"app {warmA}", $"raw {warmB}");
        }
        else
        {
            await WarmAsync(a, aArguments, connections);
            await WarmAsync(b, bArguments, connections);
        }

        var ra = new List<LoadResult>();
        var rb = new List<LoadResult>();
        for (var round = 0; round < settings.Rounds; round++)
        {
            ra.Add(await Wrk.RunAsync(a, connections, settings.Seconds, aArguments));
            rb.Add(await Wrk.RunAsync(b, connections, settings.Seconds, bArguments));
        }

        ra.Add(await Wrk.RunAsync(a, connections, settings.Seconds, aArguments));
        return (Median(ra), Median(rb));
    }

    private async Task<LoadResult> MedianAsync(ServerProcess server, int connections, params string[] paths)
    {
        await WarmAsync(server, ["get", .. paths], connections);
        var results = new List<LoadResult>();
        for (var round = 0; round < settings.Rounds; round++)
        {
            results.Add(await Wrk.RunAsync(server, connections, settings.Seconds, ["get", .. paths]));
        }

        var median = Median(results);
        if (median.Errors > 0 || median.Limited > 0)
        {
            report.Fail($"{string.Join(' ', paths)}: {median.Errors} errors, {median.Limited} refusals");
        }

        return median;
    }

    /// <summary>
    /// Tiered compilation runs a new process's code unoptimised first and recompiles what is hot in
    /// the background: measured too soon, a server looks several times slower than it is and the
    /// compiler's CPU is counted against its requests. Every server gets this long warm-up once.
    /// </summary>
    private Task<LoadResult> JitWarmUpAsync(ServerProcess server, params string[] paths) =>
        Wrk.RunAsync(server, 8, settings.Smoke ? 1 : 4 * settings.WarmUpSeconds, ["get", .. paths]);

    private async Task<string> CursorAsync(int offset)
    {
        await using var connection = Open(_database);
        return (await QueryAsync(connection, $"SELECT PublishedOn, PublicId FROM Stories WHERE Status = 'Published' ORDER BY PublicOrder DESC LIMIT 1 OFFSET {offset}", r => r.GetString(0).Replace("-", string.Empty, StringComparison.Ordinal) + "-" + r.GetString(1))).Single();
    }

    /// <summary>
    /// Runs the load in windows of the warm-up's length until the server's CPU per request stops
    /// falling: the median of the last three windows is within 5% of the median of the three before
    /// (medians, because a shared machine's noise moves single windows by 10%), after at least six
    /// windows and at most sixteen. At a million stories the tiered JIT recompiles the page's hot
    /// ReadyToRun code with its profile for the first 20–30 s under load (by hand, 5 s windows from
    /// a fresh start: 5.05, 4.30, 3.31, 2.22, 1.67, 1.68, 1.67 ms a page; the raw server 1.67, 1.15,
    /// 1.10, 1.04, 1.04 ms). Returns the costs of the windows, in ms, for the table.
    /// </summary>
    private async Task<string> SettleAsync(ServerProcess server, string[] arguments, int connections)
    {
        var costs = new List<double>();
        var most = settings.Smoke ? 1 : 16;
        static double Median(IEnumerable<double> three) => three.Order().ElementAt(1);
        bool Settled() => costs.Count >= 6 && Median(costs[^3..]) >= 0.95 * Median(costs[^6..^3]);
        do
        {
            costs.Add((await Wrk.RunAsync(server, connections, settings.WarmUpSeconds, arguments)).CpuMsPerRequest);
        }
        while (costs.Count < most && !Settled());

        var settled = settings.Smoke || Settled();
        return string.Join(", ", costs.Select(c => c.ToString("0.000", CultureInfo.InvariantCulture)))
            + (settled ? " ms (settled)" : $" ms (**not settled** after {costs.Count * settings.WarmUpSeconds:0} s)");
    }

    private Task<LoadResult> WarmAsync(ServerProcess server, string[] arguments, int connections = 4) =>
        Wrk.RunAsync(server, connections, settings.WarmUpSeconds, arguments);

    private static LoadResult Median(List<LoadResult> results)
    {
        double M(Func<LoadResult, double> f) => results.Select(f).Order().ElementAt(results.Count / 2);
        return new LoadResult(M(r => r.RequestsPerSecond), M(r => r.P50), M(r => r.P95), M(r => r.P99), M(r => r.CpuMsPerRequest), M(r => r.BytesPerRequest),
            results.Sum(r => r.Requests), results.Sum(r => r.Ok), results.Sum(r => r.Limited), results.Sum(r => r.Failed), results.Sum(r => r.SocketErrors));
    }

    private static string Describe(LoadResult r) =>
        $"{r.RequestsPerSecond:0} req/s, p50 {r.P50:0.00} / p95 {r.P95:0.00} / p99 {r.P99:0.00} ms, **{r.CpuMsPerRequest:0.000} ms CPU/req**, {r.BytesPerRequest / 1024:0.0} KB/req, {r.Errors} errors";

    private async Task<ServerProcess> StartAppAsync(bool cached)
    {
        var port = ServerProcess.FreePort();
        var app = ServerProcess.Start("app", AppHost, $"--urls http://127.0.0.1:{port}", AppDirectory, Environment(_database, cached), port);
        _servers.Add(app);
        if (OnPostgres)
        {
            app.AlsoCounted = ServerProcess.PostgresCpuMilliseconds;
        }

        await app.WaitUntilUpAsync("/");
        await JitWarmUpAsync(app, "/", "/stories", "/stories?after=" + await CursorAsync(size / 3), "/stats");
        return app;
    }

    private Dictionary<string, string> Environment(string database, bool cached, string? postgres = null)
    {
        var environment = SqliteEnvironment(database, cached);
        if ((postgres ?? _postgresDatabase) is { } onPostgres)
        {
            environment["Database__Provider"] = "Postgres";
            environment["ConnectionStrings__MeTooPostgres"] = onPostgres;
        }

        return environment;
    }

    private Dictionary<string, string> SqliteEnvironment(string database, bool cached) => new(DeployedRuntime.Environment)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Storage__DataDirectory"] = _work,
        ["DataProtection__CertificatePath"] = Certificate(),
        ["ConnectionStrings__MeToo"] = $"Data Source={database}",
        ["Privacy__ReceiptPepper"] = _pepper,
        ["Serilog__MinimumLevel__Default"] = "Warning",
        ["Caching__PublicPages__Enabled"] = cached ? "true" : "false",
        // One loopback client asks for every search: a reader's budget of searches would stop the measurement.
        ["RateLimits__SearchesPerAddress"] = "100000000",
        // The share pipeline is measured, not the limits that protect it.
        ["RateLimits__SharePerClient"] = "100000000",
        ["RateLimits__ShareGlobal"] = "100000000",
    };

    private readonly string _pepper = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private string Certificate()
    {
        var path = Path.Combine(_work, "data-protection.pfx");
        if (!File.Exists(path))
        {
            using var rsa = RSA.Create(2048);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=MeToo benchmark", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var self = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            File.WriteAllBytes(path, self.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12));
        }

        return path;
    }

    private sealed record SearchWords(string Rare, long RareCount, string Common, long CommonCount, string Second, string Everywhere, long EverywhereCount);

    private SearchWords? _words;

    /// <summary>Words chosen from the index itself (fts5vocab): one in a handful of stories, one in about a tenth, one in nearly all.</summary>
    private async Task<SearchWords> WordsAsync()
    {
        if (_words is not null)
        {
            return _words;
        }

        await using var connection = Open(_database);
        await ExecuteAsync(connection, "CREATE VIRTUAL TABLE temp.Vocabulary USING fts5vocab(main, 'StoriesFts', 'row');");
        var rows = await QueryAsync(connection, "SELECT term, doc FROM temp.Vocabulary WHERE length(term) > 3 OR doc > 10", r => (Term: r.GetString(0), Docs: r.GetInt64(1)));
        var letters = rows.Where(r => r.Term.All(char.IsAsciiLetterLower)).ToList();
        var rare = letters.Where(r => r.Docs >= 3).OrderBy(r => r.Docs).ThenBy(r => r.Term, StringComparer.Ordinal).First(); // the rarest in a few stories
        var common = letters.OrderBy(r => Math.Abs(r.Docs - size / 10)).First();
        var second = letters.Where(r => r.Term != common.Term).OrderBy(r => Math.Abs(r.Docs - size / 5)).First();
        var everywhere = letters.MaxBy(r => r.Docs);
        return _words = new SearchWords(rare.Term, rare.Docs, common.Term, common.Docs, second.Term, everywhere.Term, everywhere.Docs);
    }

    private async Task SampleAsync()
    {
        while (!_sampling.IsCancellationRequested)
        {
            foreach (var server in _servers.ToArray().Where(s => s.Name == "app"))
            {
                server.Sample();
                _peakMb = Math.Max(_peakMb, server.PeakRssAnonMb);
                _partPeakMb = Math.Max(_partPeakMb, server.PeakRssAnonMb);
            }

            try
            {
                await Task.Delay(100, _sampling.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<string> GetTextAsync(ServerProcess server, string path)
    {
        using var response = await server.Http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<long> CompressedLengthAsync(ServerProcess server, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br, gzip");
        using var response = await server.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync()).LongLength;
    }

    /// <summary>The page with whitespace beside tags dropped and other runs of it made one space: Razor's indentation is not content.</summary>
    private static string Normalise(string html) => Whitespace().Replace(BesideTags().Replace(html, "$1"), " ").Trim();

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<T>> QueryAsync<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<T>();
        while (await reader.ReadAsync())
        {
            list.Add(read(reader));
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await _sampling.CancelAsync();
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _sampling.Dispose();
        SqliteConnection.ClearAllPools();
        if (_postgresDatabase is not null)
        {
            await DropDatabaseAsync(_postgresDatabase);
        }

        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex("(?:href|src)=\"(/(?:css|js)/[^\"]+)\"")]
    private static partial Regex AssetPattern();

    [GeneratedRegex("<(?:script|link|img|iframe)[^>]+(?:src|href)=\"(?:https?:)?//")]
    private static partial Regex ThirdPartyPattern();

    [GeneratedRegex("href=\"(/stories/[0-9a-z]{16})\"")]
    private static partial Regex StoryPattern();

    [GeneratedRegex(@"\s*([<>])\s*")]
    private static partial Regex BesideTags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
