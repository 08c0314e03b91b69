using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MeToo.Benchmarks;

/// <summary>A server process the harness started, with what Linux says it has spent.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly long TicksPerSecond = ClockTicks();
    private readonly Process _process;
    private readonly int _pid;

    private ServerProcess(Process process, int port, string name)
    {
        _process = process;
        _pid = process.Id;
        Port = port;
        Name = name;
        Http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public int Port { get; }

    public string Name { get; }

    public HttpClient Http { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public int Id => _pid;

    /// <summary>Peak anonymous memory seen by <see cref="Sample"/>, in MB.</summary>
    public double PeakRssAnonMb { get; private set; }

    public static ServerProcess Start(string name, string file, string arguments, string directory, IReadOnlyDictionary<string, string> environment, int port)
    {
        var info = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrEmpty(e.Data))
            {
                Console.Error.WriteLine($"[{name}] {e.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, port, name);
    }

    /// <summary>Waits for the first 200 on <paramref name="path"/>; the time since the process started.</summary>
    public async Task<TimeSpan> WaitUntilUpAsync(string path = "/healthz", int seconds = 120)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before answering");
            }

            try
            {
                using var response = await Http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return DateTime.Now - _process.StartTime;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"{Name} did not answer {path} within {seconds} s");
    }

    /// <summary>More CPU counted as this server's: its database server's processes, on PostgreSQL.</summary>
    public Func<double>? AlsoCounted { get; set; }

    /// <summary>User and system CPU the process (and what <see cref="AlsoCounted"/> names) has used, in milliseconds.</summary>
    public double CpuMilliseconds() => CpuMillisecondsOf(_pid) + (AlsoCounted?.Invoke() ?? 0);

    /// <summary>User and system CPU of one process, in milliseconds; 0 once it has gone.</summary>
    public static double CpuMillisecondsOf(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return 0;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks * 1000d / TicksPerSecond;
    }

    /// <summary>
    /// The CPU of every PostgreSQL server process on this machine (the postmaster, its backends and
    /// helpers): the app's pooled connections keep their backends alive through a measurement.
    /// </summary>
    public static double PostgresCpuMilliseconds()
    {
        double total = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(folder);
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && File.Exists(Path.Combine(folder, "comm")) && ReadOrEmpty(Path.Combine(folder, "comm")).Trim() == "postgres")
            {
                total += CpuMillisecondsOf(pid);
            }
        }

        return total;
    }

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    /// <summary>Reads the process's anonymous resident memory (the heap, not mapped files) and keeps the peak.</summary>
    public void Sample()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            foreach (var line in File.ReadLines($"/proc/{_pid}/status"))
            {
                if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                {
                    var kb = double.Parse(line["RssAnon:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                    PeakRssAnonMb = Math.Max(PeakRssAnonMb, kb / 1024);
                }
            }
        }
        catch (IOException)
        {
            // exited between samples
        }
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static void Run(string file, string arguments, string directory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, UseShellExecute = false };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}");
        }
    }

    private static long ClockTicks()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return long.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100;
        }
    }
}
