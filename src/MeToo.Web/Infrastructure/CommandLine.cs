using System.Globalization;
using MeToo.Web.Data;

namespace MeToo.Web.Infrastructure;

/// <summary>An operator command run through the same host, configuration and database as the app.</summary>
public interface IOperatorCommand
{
    /// <summary>The first word on the command line: <c>seed</c>, <c>admin</c>.</summary>
    string Name { get; }

    Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default);
}

/// <summary>
/// Operator commands: <c>dotnet run --project src/MeToo.Web -- seed --stories 100000</c>. Each
/// command is an <see cref="IOperatorCommand"/> registered in <c>Program.cs</c>; this finds and runs it.
/// </summary>
public static class CommandLine
{
    public static readonly string[] Names = ["seed", "admin", "backup", "restore"];

    public static (string[]? Command, string[] HostArgs) Split(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Length > 0 && Names.Contains(args[0], StringComparer.OrdinalIgnoreCase)
            ? (args, [])
            : (null, args);
    }

    public static async Task<int> RunAsync(string[] command, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var scope = services.CreateScope();
        var found = scope.ServiceProvider.GetServices<IOperatorCommand>()
            .FirstOrDefault(c => string.Equals(c.Name, command[0], StringComparison.OrdinalIgnoreCase));
        if (found is null)
        {
            await Console.Error.WriteLineAsync($"unknown command: {command[0]}");
            return 2;
        }

        return await found.RunAsync(command[1..], Console.In, Console.Out, Console.Error);
    }

    public static string? ValueOf(string[] command, string name)
    {
        var index = Array.FindIndex(command, a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 && index + 1 < command.Length ? command[index + 1] : null;
    }
}

/// <summary><c>seed --stories N</c>: bulk-loads N fictional published stories, for load tests.</summary>
public sealed class SeedCommand(DemoData demoData) : IOperatorCommand
{
    public string Name => "seed";

    public async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var count = CommandLine.ValueOf(args, "--stories");
        if (count is null || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            await stderr.WriteLineAsync("usage: seed --stories N   (N > 0)");
            return 2;
        }

        if (await demoData.HoldsRealStoriesAsync(cancellationToken))
        {
            await stderr.WriteLineAsync("seed refused: this database holds stories people shared. Load-test stories go only into an empty database or one that seed or the demo data made, so they never inflate a real site's numbers or its open data.");
            return 1;
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        await demoData.BulkLoadPublishedAsync(n, cancellationToken);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Loaded {n} published stories in {started.Elapsed.TotalSeconds:0.0} s."));
        return 0;
    }
}
