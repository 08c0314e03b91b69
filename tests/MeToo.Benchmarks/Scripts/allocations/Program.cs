using System.Globalization;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

// What a server allocates, by type and by the stack that allocated it, from a trace of the runtime's
// allocation ticks (one event per ~100 KB allocated, with its stack):
//
//   dotnet-trace collect -p PID --duration 00:00:00:08 -o alloc.nettrace --providers "Microsoft-Windows-DotNETRuntime:0x1:5"
//   dotnet run -c Release --project tests/MeToo.Benchmarks/Scripts/allocations -- alloc.nettrace [frames]
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: allocations TRACE.nettrace [frames]");
    return 2;
}

var frames = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 6;
using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
var byType = new Dictionary<string, long>(StringComparer.Ordinal);
var byStack = new Dictionary<string, long>(StringComparer.Ordinal);
long total = 0;
foreach (var traceEvent in log.Events)
{
    if (traceEvent is not GCAllocationTickTraceData tick)
    {
        continue;
    }

    var type = tick.TypeName ?? "?";
    total += tick.AllocationAmount64;
    byType[type] = byType.GetValueOrDefault(type) + tick.AllocationAmount64;
    var names = new List<string>();
    for (var frame = traceEvent.CallStack(); frame is not null && names.Count < frames; frame = frame.Caller)
    {
        var name = frame.CodeAddress.FullMethodName;
        if (!string.IsNullOrEmpty(name) && !name.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal))
        {
            names.Add(name.Length > 110 ? name[..110] : name);
        }
    }

    var key = type + "  <=  " + string.Join("  <  ", names);
    byStack[key] = byStack.GetValueOrDefault(key) + tick.AllocationAmount64;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sampled {total / 1e6:0.0} MB"));
foreach (var (name, bytes) in byType.OrderByDescending(p => p.Value).Take(25))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes * 100.0 / total,5:0.0}%  {name}"));
}

Console.WriteLine();
foreach (var (stack, bytes) in byStack.OrderByDescending(p => p.Value).Take(40))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes * 100.0 / total,5:0.0}%  {stack}"));
}

return 0;
