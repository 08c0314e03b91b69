using System.Globalization;
using MeToo.Benchmarks;

// The load harness (docs/performance.md): for each size, seeds a database with the app's `seed`
// command and times a raw bulk load of the same rows and index; starts the app in Release with
// Production settings and the raw baseline (RawServer) on loopback; drives both with wrk, A/B/A
// interleaved after a warm-up; reports medians of requests/s, p50/p95/p99, server CPU ms per request,
// bytes per request and peak anonymous memory, with each target's ratio. Bounded and loopback only.
//
//   dotnet run -c Release --project tests/MeToo.Benchmarks -- --sizes 100000,1000000 --out results.md
//   dotnet run -c Release --project tests/MeToo.Benchmarks -- --smoke      (seconds: CI keeps it working)
//   … --postgres "Host=127.0.0.1;Username=metoo;Password=…"                  (the app on PostgreSQL; its server's CPU counted)
//   … --sizes 20000 --only uncached,search --rounds 1                       (while tuning: cached, searchload,
//                                                                           support, share, uncached, search, startup)
// By hand (docs/performance.md, "Warm-up"): the raw server's page template from a page the app wrote,
//   … -- template stories.html template.txt   then   … -- raw DATABASE PORT template.txt memory.br SharedResource.resx
// The searches' queries alone, in the idle class, until killed (the floor of the pages-while-searching rows):
//   … -- raw-searches DATABASE THREADS WORD WORD+WORD …
if (args.Length > 0 && args[0] == "template")
{
    PageTemplate.From(await File.ReadAllTextAsync(args[1])).Save(args[2]);
    return 0;
}

if (args.Length > 0 && args[0] == "raw")
{
    await RawServer.RunAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3], args[4], args[5]);
    return 0;
}

if (args.Length > 0 && args[0] == "raw-searches")
{
    RawSearches.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3..]);
    return 0;
}

var smoke = args.Contains("--smoke");
var settings = new HarnessSettings(
    Sizes: [.. Option("--sizes", smoke ? "2000" : "100000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))],
    Seconds: double.Parse(Option("--seconds", smoke ? "1" : "5"), CultureInfo.InvariantCulture),
    WarmUpSeconds: double.Parse(Option("--warmup", smoke ? "1" : "5"), CultureInfo.InvariantCulture),
    Rounds: int.Parse(Option("--rounds", smoke ? "1" : "3"), CultureInfo.InvariantCulture),
    Smoke: smoke,
    Only: Option("--only", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(),
    Postgres: Option("--postgres", string.Empty) is { Length: > 0 } postgres ? postgres : null);
var output = Option("--out", string.Empty);

if (!Wrk.IsInstalled())
{
    Console.Error.WriteLine("The harness drives load with wrk: install it (apt-get install -y wrk).");
    return 2;
}

var root = FindRepositoryRoot();
// The app as an operator deploys it (docs/operations.md): published for this platform, self-contained,
// the app and the framework compiled ahead of time together (ReadyToRun, composite).
Console.Error.WriteLine("Publishing the app in Release, self-contained, ReadyToRun composite…");
var published = Directory.CreateTempSubdirectory("metoo-bench-app-").FullName;
ServerProcess.Run("dotnet", $"publish \"{Path.Combine(root, "src", "MeToo.Web")}\" -c Release -r linux-x64 --self-contained -o \"{published}\" -v q -nologo", root);
ServerProcess.Run("dotnet", $"build \"{Path.Combine(root, "tests", "MeToo.Benchmarks")}\" -c Release -v q -nologo", root);

var report = new Report(settings);
try
{
    foreach (var size in settings.Sizes)
    {
        await using var run = new SizeRun(root, published, size, settings, report);
        await run.RunAsync();
    }
}
catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or IOException or HttpRequestException or System.Data.Common.DbException)
{
    report.Fail($"the run stopped: {exception.Message}");
}
finally
{
    Directory.Delete(published, recursive: true);
    var markdown = report.ToMarkdown();
    Console.WriteLine(markdown);
    if (output.Length > 0)
    {
        await File.WriteAllTextAsync(output, markdown);
    }
}

return report.Broken ? 1 : 0;

static string FindRepositoryRoot()
{
    var directory = new DirectoryInfo(AppContext.BaseDirectory);
    while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MeToo.sln")))
    {
        directory = directory.Parent;
    }

    return directory?.FullName ?? throw new InvalidOperationException("Run the harness from inside the repository.");
}

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

