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

    [Fact]
    public async Task ASearch_RunsOnASearchThread_BelowThePriorityOfEveryOtherRequest()
    {
        Assert.True(OperatingSystem.IsLinux(), "the app runs on Linux, where a thread's niceness is its own");
        using var threads = new SearchThreads(1);
        var request = Niceness();

        var (name, niceness, afterAwait) = await threads.RunAsync(
            async () =>
            {
                var first = (Thread.CurrentThread.Name, Niceness());
                await Task.Yield();
                return (first.Name, first.Item2, Thread.CurrentThread.Name);
            },
            CancellationToken.None);

        Assert.Equal("search-0", name);
        Assert.Equal("search-0", afterAwait);
        Assert.Equal(Math.Min(request + 10, 19), niceness);
        Assert.Equal(request, Niceness());
    }
}
