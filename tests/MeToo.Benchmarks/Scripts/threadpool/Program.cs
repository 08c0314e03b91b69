using System.Globalization;
using Microsoft.Diagnostics.Tracing;

// How long work waits in the thread pool's queue before a thread takes it: from a trace of the
// runtime's FrameworkEventSource (ThreadPoolEnqueueWork, id 30, and ThreadPoolDequeueWork, id 31,
// paired by the work item's id). The socket engine hands each batch of ready connections to the pool
// this way, so a request that waits here waits before a line of the app runs for it. With the
// runtime's GC keyword as well, it also says how long the garbage collections stopped every thread,
// and which thread triggered them (a workstation GC runs on the thread that triggered it, at that
// thread's priority; read the thread's name in /proc/PID/task/TID/comm).
//
//   dotnet-trace collect -p PID --duration 00:00:00:05 -o pool.nettrace --providers "System.Diagnostics.Eventing.FrameworkEventSource:0x2:5,Microsoft-Windows-DotNETRuntime:0x1:4"
//   dotnet run -c Release --project tests/MeToo.Benchmarks/Scripts/threadpool -- pool.nettrace
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: threadpool TRACE.nettrace");
    return 2;
}

const string Provider = "System.Diagnostics.Eventing.FrameworkEventSource";
var queued = new Dictionary<long, double>();
var waits = new List<double>();
double first = double.NaN, last = 0;
var pauses = new List<(double Ms, double Suspending, int Thread, int Generation)>();
var generation = -1;
var promoted = new List<(int Generation, double Kb)>();
var budgets = new List<double>();
(double At, int Thread)? suspended = null;
var suspending = 0.0;
using (var source = new EventPipeEventSource(args[0]))
{
    source.Dynamic.All += traceEvent =>
    {
        if (traceEvent.ProviderName != Provider)
        {
            return;
        }

        var id = Convert.ToInt64(traceEvent.PayloadByName("workID"), CultureInfo.InvariantCulture);
        var at = traceEvent.TimeStampRelativeMSec;
        first = double.IsNaN(first) ? at : first;
        last = at;
        switch ((int)traceEvent.ID)
        {
            case 30:
                queued[id] = at;
                break;
            case 31 when queued.Remove(id, out var since):
                waits.Add(at - since);
                break;
        }
    };
    source.Clr.GCSuspendEEStart += e => suspended = (e.TimeStampRelativeMSec, e.ThreadID);
    source.Clr.GCStart += e => generation = e.Depth;
    source.Clr.GCGlobalHeapHistory += e => budgets.Add(e.FinalYoungestDesired / 1024.0 / 1024.0);
    source.Clr.GCHeapStats += e => promoted.Add((generation, (e.TotalPromotedSize0 + e.TotalPromotedSize1) / 1024.0));
    source.Clr.GCSuspendEEStop += e => suspending = suspended is { } s ? e.TimeStampRelativeMSec - s.At : 0;
    source.Clr.GCRestartEEStop += e =>
    {
        if (suspended is { } s)
        {
            pauses.Add((e.TimeStampRelativeMSec - s.At, suspending, s.Thread, generation));
            generation = -1;
            suspended = null;
        }
    };
    source.Process();
}

if (waits.Count == 0)
{
    Console.Error.WriteLine("no paired enqueue and dequeue events: was the provider enabled at level 5 (verbose)?");
    return 1;
}

waits.Sort();
double At(double quantile) => waits[Math.Min(waits.Count - 1, (int)(quantile * waits.Count))];
var seconds = (last - first) / 1000;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{waits.Count} work items in {seconds:0.0} s ({waits.Count / seconds:0} a second); wait in the queue p50 {At(0.50):0.000} / p95 {At(0.95):0.000} / p99 {At(0.99):0.000} / max {waits[^1]:0.000} ms; over 0.5 ms {waits.Count(w => w > 0.5) * 100.0 / waits.Count:0.0}%, over 1 ms {waits.Count(w => w > 1) * 100.0 / waits.Count:0.0}%"));
if (pauses.Count > 0)
{
    var sorted = pauses.Select(p => p.Ms).Order().ToList();
    var stopping = pauses.Select(p => p.Suspending).Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{pauses.Count} garbage collections ({pauses.Count / seconds:0.0} a second), every thread stopped p50 {sorted[sorted.Count / 2]:0.000} / p95 {sorted[Math.Min(sorted.Count - 1, (int)(0.95 * sorted.Count))]:0.000} / max {sorted[^1]:0.000} ms, {sorted.Sum() / seconds:0.0} ms a second"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  gen0 budget after each, median {budgets.DefaultIfEmpty().Order().ElementAt(budgets.Count / 2):0.0} MB; of which stopping the threads (SuspendEE) p50 {stopping[stopping.Count / 2]:0.000} / p95 {stopping[Math.Min(stopping.Count - 1, (int)(0.95 * stopping.Count))]:0.000} / max {stopping[^1]:0.000} ms"));
    foreach (var depth in pauses.GroupBy(p => p.Generation).OrderBy(g => g.Key))
    {
        var ms = depth.Select(p => p.Ms).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  generation {depth.Key}: {ms.Count}, p50 {ms[ms.Count / 2]:0.000} / max {ms[^1]:0.000} ms, survivors promoted p50 {promoted.Where(p => p.Generation == depth.Key).Select(p => p.Kb).DefaultIfEmpty().Order().ElementAt(promoted.Count(p => p.Generation == depth.Key) / 2):0} KB"));
    }

    foreach (var thread in pauses.GroupBy(p => p.Thread).OrderByDescending(g => g.Count()))
    {
        var ms = thread.Select(p => p.Ms).Order().ToList();
        var stop = thread.Select(p => p.Suspending).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  triggered by thread {thread.Key}: {ms.Count}, p50 {ms[ms.Count / 2]:0.000} / max {ms[^1]:0.000} ms (stopping the threads p50 {stop[stop.Count / 2]:0.000} / max {stop[^1]:0.000} ms)"));
    }
}

return 0;
