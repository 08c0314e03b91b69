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

// The nearest-rank quantile of values already sorted (0.5: the median).
static double Quantile(List<double> sorted, double share) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(share * sorted.Count))];
static List<double> Sorted(IEnumerable<double> values) => [.. values.Order()];

waits.Sort();
var seconds = (last - first) / 1000;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{waits.Count} work items in {seconds:0.0} s ({waits.Count / seconds:0} a second); wait in the queue p50 {Quantile(waits, 0.50):0.000} / p95 {Quantile(waits, 0.95):0.000} / p99 {Quantile(waits, 0.99):0.000} / max {waits[^1]:0.000} ms; over 0.5 ms {waits.Count(w => w > 0.5) * 100.0 / waits.Count:0.0}%, over 1 ms {waits.Count(w => w > 1) * 100.0 / waits.Count:0.0}%"));
if (pauses.Count > 0)
{
    var stopped = Sorted(pauses.Select(p => p.Ms));
    var stopping = Sorted(pauses.Select(p => p.Suspending));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{pauses.Count} garbage collections ({pauses.Count / seconds:0.0} a second), every thread stopped p50 {Quantile(stopped, 0.5):0.000} / p95 {Quantile(stopped, 0.95):0.000} / max {stopped[^1]:0.000} ms, {stopped.Sum() / seconds:0.0} ms a second"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  gen0 budget after each, median {Quantile(Sorted(budgets), 0.5):0.0} MB; of which stopping the threads (SuspendEE) p50 {Quantile(stopping, 0.5):0.000} / p95 {Quantile(stopping, 0.95):0.000} / max {stopping[^1]:0.000} ms"));
    foreach (var depth in pauses.GroupBy(p => p.Generation).OrderBy(g => g.Key))
    {
        var ms = Sorted(depth.Select(p => p.Ms));
        var survivors = Sorted(promoted.Where(p => p.Generation == depth.Key).Select(p => p.Kb));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  generation {depth.Key}: {ms.Count}, p50 {Quantile(ms, 0.5):0.000} / max {ms[^1]:0.000} ms, survivors promoted p50 {Quantile(survivors, 0.5):0} KB"));
    }

    foreach (var thread in pauses.GroupBy(p => p.Thread).OrderByDescending(g => g.Count()))
    {
        var ms = Sorted(thread.Select(p => p.Ms));
        var stop = Sorted(thread.Select(p => p.Suspending));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  triggered by thread {thread.Key}: {ms.Count}, p50 {Quantile(ms, 0.5):0.000} / max {ms[^1]:0.000} ms (stopping the threads p50 {Quantile(stop, 0.5):0.000} / max {stop[^1]:0.000} ms)"));
    }
}

return 0;
