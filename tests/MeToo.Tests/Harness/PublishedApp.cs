using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MeToo.Tests.Harness;

/// <summary>
/// The app as an operator runs it: published once per test run, started as its own process with
/// <c>dotnet MeToo.Web.dll</c> from a folder of the test's choosing, configured through the
/// environment only. Its console output is captured line by line.
/// </summary>
public sealed class PublishedApp : IAsyncDisposable
{
    private static readonly Lazy<string> Published = new(Publish);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PublishedApp(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The data directory it was started with (<c>Storage__DataDirectory</c>), if any.</summary>
    public string DataDirectory { get; private init; } = string.Empty;

    /// <summary>The published app's own folder.</summary>
    public static string Folder => Published.Value;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Starts the published app in <paramref name="workingFolder"/> with <paramref name="environment"/>.</summary>
    public static PublishedApp Start(string workingFolder, IReadOnlyDictionary<string, string?> environment, string arguments = "")
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(Folder, "MeToo.Web.dll")}\" {arguments}")
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var app = new PublishedApp(process, new Uri(environment.TryGetValue("Test__Address", out var address) && address is not null ? address : "http://127.0.0.1/"))
        {
            DataDirectory = environment.TryGetValue("Storage__DataDirectory", out var data) && data is not null ? data : string.Empty,
        };
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits until the app answers <c>/healthz</c>, or fails with what it printed.</summary>
    public async Task WaitUntilUpAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The app did not come up:\n" + Output);
    }

    /// <summary>Waits for the process to end by itself (a refused start).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private bool _disposed;

    /// <summary>Kills the app (if it still runs); once is enough, later calls do nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>Publishes the web project (already built in this configuration) to a temporary folder.</summary>
    private static string Publish()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "MeToo.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar)) ?? throw new InvalidOperationException("MeToo.sln not found above the test folder.");
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var output = Path.Combine(Path.GetTempPath(), "metoo-tests", $"published-{Environment.ProcessId}");
        var start = new ProcessStartInfo("dotnet", $"publish \"{Path.Combine(root, "src", "MeToo.Web", "MeToo.Web.csproj")}\" -c {configuration} --no-build -o \"{output}\" -nologo -v q")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var publish = Process.Start(start)!;
        var log = publish.StandardOutput.ReadToEnd() + publish.StandardError.ReadToEnd();
        publish.WaitForExit();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet publish failed:\n" + log);
        }

        return output;
    }
}
