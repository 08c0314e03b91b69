using System.Globalization;
using MeToo.Tests.Harness;
using MeToo.Web.Data;
using MeToo.Web.Reading;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TestStories = MeToo.Tests.Harness.Stories;

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

    [Fact]
    public async Task ASearchsPage_IsRenderedOnASearchThread_AndABrowsedPageIsNot()
    {
        using var app = new MeTooFactory();
        using var recording = app.WithWebHostBuilder(host => host.ConfigureTestServices(services =>
            services.Configure<MvcOptions>(mvc => mvc.Filters.Add(new RenderingThread()))));
        var word = "zq" + Guid.NewGuid().ToString("N")[..10];
        using (var scope = recording.Services.CreateScope())
        {
            await TestStories.AddAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), 2, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), _ => TestStories.Content($"It happened at {word}, again and again, and nobody said a word."));
        }

        var client = recording.CreateClient();
        var search = await client.GetAsync(new Uri($"/stories?q={word}", UriKind.Relative));
        var relevant = await client.GetAsync(new Uri($"/es/stories?q={word}&sort=relevant", UriKind.Relative));
        var browse = await client.GetAsync(new Uri("/stories?setting=workplace", UriKind.Relative));

        Assert.StartsWith("search-", search.Headers.GetValues(RenderingThread.Header).Single(), StringComparison.Ordinal);
        Assert.StartsWith("search-", relevant.Headers.GetValues(RenderingThread.Header).Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("search-", browse.Headers.GetValues(RenderingThread.Header).Single(), StringComparison.Ordinal);
        Assert.Contains(word, await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Says, in a header, which thread a page's rendering started on.</summary>
    private sealed class RenderingThread : IAsyncResultFilter
    {
        public const string Header = "X-Test-Rendered-On";

        public Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
        {
            context.HttpContext.Response.Headers[Header] = Thread.CurrentThread.Name ?? "a request thread";
            return next();
        }
    }
}
