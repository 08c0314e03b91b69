using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace MeToo.Web.Reading;

/// <summary>
/// The threads searches run their queries on: as many as may search at once, each at a lower CPU
/// priority than the rest of the app (on Linux, ten steps nicer than the process, at most 19: a
/// thread's niceness is its own there). A
/// search is CPU work inside SQLite, on the thread that asked; on the request threads, searches
/// beside each other took the cores from every other page (the home page's p95 went from 0.1 ms to
/// 15 ms while 32 readers searched). At a lower priority, the scheduler gives the cores to a page
/// first and the search waits the few microseconds the page takes. On Linux the threads are also
/// put in the <c>SCHED_IDLE</c> class: niceness only weighs the shares, so a page arriving while a
/// search held the core still waited for the scheduler's next turn (p95 2–3 ms at 32 searching
/// readers); a waking thread of the normal class always takes the core from an idle-class one.
/// Searches still run whenever a core is free, and a search is never refused for it: it waits.
/// </summary>
public sealed class SearchThreads : TaskScheduler, IDisposable
{
    private const int NicerBy = 10;
    private const int Nicest = 19;
    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread[] _threads;

    public SearchThreads(int count)
    {
        _threads = [.. Enumerable.Range(0, Math.Max(count, 1)).Select(i => new Thread(Work) { IsBackground = true, Name = "search-" + i })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Runs <paramref name="search"/> (its queries, which complete on the thread that runs them) on a search thread.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        return OnSearchThread ? search() : Task.Factory.StartNew(search, cancellationToken, TaskCreationOptions.DenyChildAttach, this).Unwrap();
    }

    /// <summary>
    /// Runs the rest of a search's request on the search threads (<see cref="SearchAdmission"/>): its
    /// page's rendering and compression as well as its queries. Each <c>await</c> in it comes back to a
    /// search thread (an await returns to the task scheduler it left).
    /// </summary>
    public Task RunPipelineAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return OnSearchThread ? next(context) : Task.Factory.StartNew(() => next(context), CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();
    }

    private bool OnSearchThread => Array.IndexOf(_threads, Thread.CurrentThread) >= 0;

    protected override void QueueTask(Task task) => _queue.Add(task);

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        OnSearchThread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => [.. _queue];

    public override int MaximumConcurrencyLevel => _threads.Length;

    public void Dispose()
    {
        _queue.CompleteAdding();
        _queue.Dispose();
    }

    private void Work()
    {
        if (OperatingSystem.IsLinux())
        {
            // Raising one's own niceness needs no privilege; a failure only leaves the priority as it was.
            var thread = GetThreadId();
            _ = SetPriority(0, thread, Math.Min(GetPriority(0, thread) + NicerBy, Nicest));
            // Lowering one's own scheduling class needs no privilege either.
            var parameters = 0;
            _ = SetScheduler(thread, SchedIdle, ref parameters);
        }

        try
        {
            foreach (var task in _queue.GetConsumingEnumerable())
            {
                TryExecuteTask(task);
            }
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
    }

    /// <summary>Linux's <c>SCHED_IDLE</c> scheduling policy.</summary>
    public const int SchedIdle = 5;

    [DllImport("libc", EntryPoint = "sched_setscheduler")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetScheduler(int pid, int policy, ref int parameters);

    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "getpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetPriority(int which, int who);

    [DllImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetThreadId();
}
