using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

// The load harness: builds the app, bulk-loads N stories with the app's own `seed` command, starts
// it on 127.0.0.1 with Kestrel, and measures public pages against a raw baseline served by the same
// process in the same run (a static file: the server's own floor). Bounded: a fixed number of
// requests, loopback only. Results go to standard output as a Markdown table for docs/performance.md.
//
//   dotnet run -c Release --project tests/MeToo.Benchmarks -- --stories 100000 --requests 300
var stories = Option("--stories", 100_000);
var requests = Option("--requests", 300);
var concurrency = Option("--concurrency", 8);
var root = FindRepositoryRoot();
var work = Path.Combine(Path.GetTempPath(), "metoo-bench-" + Guid.NewGuid().ToString("n")[..8]);
Directory.CreateDirectory(work);
var database = Path.Combine(work, "metoo.db");
var pepper = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
var certificate = Path.Combine(work, "data-protection.pfx");
using (var rsa = RSA.Create(2048))
{
    var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=MeToo benchmark", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    using var self = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    File.WriteAllBytes(certificate, self.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12));
}

Run("dotnet", $"build \"{Path.Combine(root, "src", "MeToo.Web")}\" -c Release -v q -nologo", root);
var dll = Path.Combine(root, "src", "MeToo.Web", "bin", "Release", "net10.0", "MeToo.Web.dll");
var environment = new Dictionary<string, string>
{
    ["ASPNETCORE_ENVIRONMENT"] = "Production",
    ["Storage__DataDirectory"] = work,
    ["DataProtection__CertificatePath"] = certificate,
    ["ConnectionStrings__MeToo"] = $"Data Source={database}",
    ["Privacy__ReceiptPepper"] = pepper,
    ["Logging__File__Path"] = Path.Combine(work, "logs", "metoo-.log"),
    ["DataProtection__KeysPath"] = Path.Combine(work, "keys"),
    ["Serilog__MinimumLevel__Default"] = "Warning",
    // One loopback client asks for every request: a reader's search budget would stop the measurement.
    ["RateLimits__SearchesPerAddress"] = "1000000",
};

var seedClock = Stopwatch.StartNew();
Run("dotnet", $"\"{dll}\" seed --stories {stories}", Path.Combine(root, "src", "MeToo.Web"), environment);
seedClock.Stop();

var port = FreePort();
var server = Start("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{port} --contentRoot \"{Path.Combine(root, "src", "MeToo.Web")}\"", Path.Combine(root, "src", "MeToo.Web"), environment);
try
{
    using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    await WaitUntilUpAsync(http);
    var list = await http.GetStringAsync("/stories");
    var storyPath = Regex.Match(list, "href=\"(/stories/[0-9a-z]{16})\"").Groups[1].Value;
    var deepCursor = await DeepCursorAsync(http, pages: 50);
    var css = Regex.Match(await http.GetStringAsync("/"), "href=\"(/css/site.css\\?v=[^\"]+)\"").Groups[1].Value;

    var targets = new (string Name, string Path)[]
    {
        ("baseline: static file", css),
        ("home", "/"),
        ("browse, first page", "/stories"),
        ("browse, page 51 (keyset)", "/stories?after=" + deepCursor),
        ("browse, filtered by setting", "/stories?setting=workplace"),
        ("browse, two filters", "/stories?setting=online&experience=stalking"),
        ("one story", storyPath),
        ("share form", "/share"),
        ("search, one word (never cached)", "/stories?q=crowded"),
        ("search, most relevant (never cached)", "/stories?q=crowded+stranger&sort=relevant"),
        ("most supported", "/stories?sort=supported"),
        ("stats", "/stats"),
        ("feed", "/feed.atom"),
    };

    Console.WriteLine($"# MeToo load harness — {DateTime.UtcNow:yyyy-MM-dd}, {stories:N0} published stories, {requests} sequential requests per page, {Environment.ProcessorCount} cores");
    Console.WriteLine();
    Console.WriteLine($"Seeding {stories:N0} stories with `seed --stories {stories}` took {seedClock.Elapsed.TotalSeconds:0.0} s (process start included).");
    Console.WriteLine();
    Console.WriteLine("| page | median ms | p95 ms | median ÷ baseline |");
    Console.WriteLine("|---|---:|---:|---:|");
    double? baseline = null;
    foreach (var (name, path) in targets)
    {
        var times = await MeasureAsync(http, path, requests);
        var median = Percentile(times, 0.5);
        baseline ??= median;
        Console.WriteLine($"| {name} | {median:0.00} | {Percentile(times, 0.95):0.00} | {median / baseline.Value:0.0} |");
    }

    Console.WriteLine();
    var (throughput, errors) = await ThroughputAsync(http, "/stories", concurrency, requests * 2);
    Console.WriteLine($"Throughput, `/stories` with {concurrency} concurrent clients, {requests * 2} requests: {throughput:0} requests/s, {errors} errors.");
}
finally
{
    server.Kill(entireProcessTree: true);
    await server.WaitForExitAsync();
    try
    {
        Directory.Delete(work, recursive: true);
    }
    catch (IOException)
    {
    }
}

static async Task<List<double>> MeasureAsync(HttpClient http, string path, int count)
{
    for (var i = 0; i < Math.Min(20, count); i++)
    {
        (await http.GetAsync(path)).EnsureSuccessStatusCode();
    }

    var times = new List<double>(count);
    for (var i = 0; i < count; i++)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    return times;
}

static async Task<(double PerSecond, int Errors)> ThroughputAsync(HttpClient http, string path, int clients, int total)
{
    var remaining = total;
    var errors = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
    {
        while (Interlocked.Decrement(ref remaining) >= 0)
        {
            using var response = await http.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Interlocked.Increment(ref errors);
            }
        }
    }));
    return (total / clock.Elapsed.TotalSeconds, errors);
}

static async Task<string> DeepCursorAsync(HttpClient http, int pages)
{
    var url = "/stories";
    var cursor = string.Empty;
    for (var i = 0; i < pages; i++)
    {
        var html = await http.GetStringAsync(url);
        var next = Regex.Match(html, "rel=\"next\" href=\"[^\"]*after=([0-9a-z-]+)\"");
        if (!next.Success)
        {
            break;
        }

        cursor = next.Groups[1].Value;
        url = "/stories?after=" + cursor;
    }

    return cursor;
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}

static async Task WaitUntilUpAsync(HttpClient http)
{
    for (var i = 0; i < 120; i++)
    {
        try
        {
            if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }

        await Task.Delay(500);
    }

    throw new TimeoutException("The app did not start within a minute.");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static void Run(string file, string arguments, string directory, Dictionary<string, string>? environment = null)
{
    using var process = Start(file, arguments, directory, environment);
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}");
    }
}

static Process Start(string file, string arguments, string directory, Dictionary<string, string>? environment = null)
{
    var info = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, UseShellExecute = false };
    foreach (var (key, value) in environment ?? [])
    {
        info.Environment[key] = value;
    }

    return Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
}

static string FindRepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MeToo.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException("Run the harness from inside the repository.");
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
