using Microsoft.Diagnostics.Tracing;

// What the JIT compiles before the first answer, and which exceptions are thrown on the way: from a
// trace of one start, recorded by the runtime itself from its first instruction (dotnet-trace
// attaches too late for a start). Each method's compile time runs from its MethodJittingStarted
// event to its MethodLoadVerbose on the same thread. Methods that ReadyToRun covers are not compiled
// at start and do not appear; what appears is what it could not cover.
//
//   DOTNET_EnableEventPipe=1 DOTNET_EventPipeOutputPath=start.nettrace \
//   DOTNET_EventPipeConfig='Microsoft-Windows-DotNETRuntime:0x8018:5' /opt/metoo/MeToo.Web --urls http://127.0.0.1:5080
//   (ask for / until it answers 200, then stop the app with SIGTERM: the trace is written on exit)
//   dotnet run -c Release --project tests/MeToo.Benchmarks/Scripts/startup -- start.nettrace [until-ms]
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: startup TRACE.nettrace [only the first N milliseconds]");
    return 2;
}

var until = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : double.MaxValue;
var started = new Dictionary<int, (double At, string Name)>();
var compiled = new List<(double Ms, string Name, string Tier)>();
var exceptions = new List<string>();
using (var source = new EventPipeEventSource(args[0]))
{
    source.Clr.MethodJittingStarted += e => started[e.ThreadID] = (e.TimeStampRelativeMSec, e.MethodNamespace + "::" + e.MethodName);
    source.Clr.MethodLoadVerbose += e =>
    {
        if (started.Remove(e.ThreadID, out var start) && start.At <= until)
        {
            compiled.Add((e.TimeStampRelativeMSec - start.At, start.Name, e.OptimizationTier.ToString()));
        }
    };
    source.Clr.ExceptionStart += e =>
    {
        if (e.TimeStampRelativeMSec <= until)
        {
            exceptions.Add($"{e.TimeStampRelativeMSec,7:0} ms  {e.ExceptionType}: {e.ExceptionMessage}");
        }
    };
    source.Process();
}

Console.WriteLine($"methods compiled: {compiled.Count}, {compiled.Sum(c => c.Ms):0} ms of compiling");
foreach (var tier in compiled.GroupBy(c => c.Tier).OrderByDescending(g => g.Count()))
{
    Console.WriteLine($"  {tier.Key}: {tier.Count()} methods, {tier.Sum(c => c.Ms):0} ms");
}

Console.WriteLine("by namespace (generic instantiations under the namespace of their type):");
foreach (var space in compiled.GroupBy(c => string.Join('.', c.Name.Split("::")[0].Split('.').Take(3))).OrderByDescending(g => g.Sum(c => c.Ms)).Take(15))
{
    Console.WriteLine($"  {space.Sum(c => c.Ms),7:0.0} ms {space.Count(),5}  {space.Key}");
}

Console.WriteLine($"exceptions thrown: {exceptions.Count}");
foreach (var exception in exceptions)
{
    Console.WriteLine("  " + exception);
}

return 0;
