using System.Globalization;
using MeToo.Web.Data;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// Operator commands run through the same host, configuration and database as the app:
/// <c>dotnet run --project src/MeToo.Web -- seed --stories 100000</c>.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Commands = ["seed", "admin"];

    public static (string[]? Command, string[] HostArgs) Split(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Length > 0 && Commands.Contains(args[0], StringComparer.OrdinalIgnoreCase)
            ? (args, [])
            : (null, args);
    }

    public static async Task<int> RunAsync(string[] command, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var scope = services.CreateScope();
        switch (command[0].ToLowerInvariant())
        {
            case "seed":
                var count = ValueOf(command, "--stories");
                if (count is null || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                {
                    await Console.Error.WriteLineAsync("usage: seed --stories N   (N > 0)");
                    return 2;
                }

                var started = System.Diagnostics.Stopwatch.StartNew();
                await scope.ServiceProvider.GetRequiredService<DemoData>().BulkLoadPublishedAsync(n);
                Console.WriteLine($"Loaded {n} published stories in {started.Elapsed.TotalSeconds:0.0} s.");
                return 0;
            case "admin":
                return await scope.ServiceProvider.GetRequiredService<Staff.StaffCommands>().RunAsync(command[1..], Console.In, Console.Out, Console.Error);
            default:
                await Console.Error.WriteLineAsync($"unknown command: {command[0]}");
                return 2;
        }
    }

    public static string? ValueOf(string[] command, string name)
    {
        var index = Array.FindIndex(command, a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 && index + 1 < command.Length ? command[index + 1] : null;
    }
}
