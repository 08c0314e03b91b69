using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MeToo.Benchmarks;

/// <summary>One wrk run against one server: what the clients saw and what the server spent.</summary>
public sealed record LoadResult(double RequestsPerSecond, double P50, double P95, double P99, double CpuMsPerRequest, double BytesPerRequest, long Requests, long Ok, long Limited, long Failed, long SocketErrors)
{
    public long Errors => Failed + SocketErrors;
}

public static partial class Wrk
{
    public static string Script { get; } = Path.Combine(AppContext.BaseDirectory, "Scripts", "bench.lua");

    public static bool IsInstalled()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("wrk", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            process.WaitForExit();
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Runs wrk for <paramref name="seconds"/> with <paramref name="connections"/> connections; <paramref name="scriptArguments"/> go to bench.lua.</summary>
    public static async Task<LoadResult> RunAsync(ServerProcess server, int connections, double seconds, params string[] scriptArguments)
    {
        var threads = Math.Min(2, connections);
        var arguments = $"-t{threads} -c{connections} -d{seconds.ToString(CultureInfo.InvariantCulture)}s --timeout 10s -s \"{Script}\" {server.Url} -- {string.Join(' ', scriptArguments.Select(a => "\"" + a + "\""))}";
        var cpuBefore = server.CpuMilliseconds();
        using var process = Process.Start(new ProcessStartInfo("wrk", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var cpu = server.CpuMilliseconds() - cpuBefore;
        var line = Result().Match(output);
        if (process.ExitCode != 0 || !line.Success)
        {
            throw new InvalidOperationException($"wrk {arguments} failed: {output}{errors}");
        }

        long Value(string name) => long.Parse(Regex.Match(line.Value, name + "=(\\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = Value("requests");
        var duration = Value("duration_us") / 1e6;
        return new LoadResult(
            requests / duration,
            Value("p50") / 1000d,
            Value("p95") / 1000d,
            Value("p99") / 1000d,
            cpu / Math.Max(requests, 1),
            Value("bytes") / (double)Math.Max(requests, 1),
            requests,
            Value("ok"),
            Value("limited"),
            Value("failed"),
            Value("socket_errors"));
    }

    [GeneratedRegex("WRK .*")]
    private static partial Regex Result();
}
