using System.Globalization;
using MeToo.Web.Reading;

namespace MeToo.Tests.Reading;

public sealed class SearchThreadsTests
{
    /// <summary>This thread's nice value, field 19 of /proc/thread-self/stat (after the command name in parentheses).</summary>
    private static int Niceness()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], CultureInfo.InvariantCulture);
    }

    /// <summary>This thread's scheduling policy, field 41 of /proc/thread-self/stat.</summary>
    private static int Policy()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[38], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task ASearch_RunsOnASearchThread_BelowThePriorityOfEveryOtherRequest()
    {
        Assert.True(OperatingSystem.IsLinux(), "the app runs on Linux, where a thread's niceness is its own");
        using var threads = new SearchThreads(1);
        var request = Niceness();

        var (name, niceness, policy, afterAwait) = await threads.RunAsync(
            async () =>
            {
                var first = (Thread.CurrentThread.Name, Niceness(), Policy());
                await Task.Yield();
                return (first.Name, first.Item2, first.Item3, Thread.CurrentThread.Name);
            },
            CancellationToken.None);

        Assert.Equal("search-0", name);
        Assert.Equal(SearchThreads.SchedIdle, policy); // a page's thread always takes the core from a search's
        Assert.Equal(0, Policy()); // SCHED_OTHER: the request threads stay in the normal class
        Assert.Equal("search-0", afterAwait);
        Assert.Equal(Math.Min(request + 10, 19), niceness);
        Assert.Equal(request, Niceness());
    }
}
