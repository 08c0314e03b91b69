using System.Collections.Concurrent;
using System.Net;
using MeToo.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using Serilog.Events;

namespace MeToo.Tests.Harness;

/// <summary>
/// The app in the Testing environment on its own real SQLite file, created by the real migrations,
/// with a fake clock, captured logs, and a test-only way to give each client an address and a user agent.
/// </summary>
public class MeTooFactory : WebApplicationFactory<Program>
{
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>A distinctive default time: 13:37:21 UTC, so a test can look for its traces.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 14, 13, 37, 21, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings = [];

    /// <summary>The app on the suite's engine: SQLite, or PostgreSQL when <c>METOO_TEST_ENGINE=Postgres</c>.</summary>
    public MeTooFactory()
        : this(TestPostgres.SuiteEngine)
    {
    }

    /// <summary>
    /// The app on <paramref name="engine"/>: on PostgreSQL, a database of its own on the server named by
    /// <c>METOO_TEST_POSTGRES</c>, made by the real migrations and dropped afterwards (the test is
    /// skipped without a server, and fails without one under CI).
    /// </summary>
    public MeTooFactory(DatabaseEngine engine)
        : this(engine, engine == DatabaseEngine.Postgres ? TestPostgres.CreateDatabase() : null, ownsDatabase: true)
    {
    }

    private MeTooFactory(DatabaseEngine engine, string? postgresDatabase, bool ownsDatabase)
    {
        Engine = engine;
        PostgresDatabase = postgresDatabase;
        _ownsDatabase = ownsDatabase;

        Folder = Path.Combine(Path.GetTempPath(), "metoo-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(Folder);
        DatabasePath = Path.Combine(Folder, "metoo.db");
        LogFolder = Path.Combine(Folder, "logs");
        ClientOptions.BaseAddress = new Uri("https://localhost");
        ClientOptions.AllowAutoRedirect = false;
    }

    private readonly bool _ownsDatabase;

    /// <summary>
    /// Another instance of the app on <paramref name="first"/>'s PostgreSQL database, as a load
    /// balancer's second machine: its own data directory, memory, caches and clock.
    /// </summary>
    public static MeTooFactory AnotherInstanceOf(MeTooFactory first)
    {
        ArgumentNullException.ThrowIfNull(first);
        if (first.PostgresDatabase is null)
        {
            throw new InvalidOperationException("Several instances share a PostgreSQL database; SQLite is one machine's.");
        }

        var second = new MeTooFactory(DatabaseEngine.Postgres, first.PostgresDatabase, ownsDatabase: false);
        second.Time.SetUtcNow(first.Time.GetUtcNow());
        return second;
    }

    public string Folder { get; }

    public DatabaseEngine Engine { get; }

    /// <summary>The connection string of this host's own PostgreSQL database, when <see cref="Engine"/> is PostgreSQL.</summary>
    public string? PostgresDatabase { get; }

    public string DatabasePath { get; }

    public string LogFolder { get; }

    public FakeTimeProvider Time { get; } = new(DefaultNow);

    public LogCapture Logs { get; } = new();

    /// <summary>Adds or overrides a configuration value before the host starts (rate limits, options).</summary>
    public MeTooFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>
    /// Starts the host and waits until it caches public pages. On SQLite that is at once; on
    /// PostgreSQL an instance caches only once it listens for other instances' evictions (decision
    /// 0014), a moment after start-up, and a test of the cache that asks before then sees every
    /// page rendered afresh.
    /// </summary>
    public async Task CachingAsync()
    {
        _ = Server;
        var gate = Services.GetRequiredService<MeToo.Web.Infrastructure.PublicPageCacheGate>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!gate.IsOpen && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(gate.IsOpen, "the app did not start caching public pages within 15 s");
    }

    /// <summary>A client whose requests come from <paramref name="address"/> with <paramref name="userAgent"/>.</summary>
    public HttpClient CreateClientFrom(string address, string userAgent = "MeToo.Tests")
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(ClientAddressHeader, address);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }

    /// <summary>
    /// Everything the database holds, as text, to look for what must not be there: on SQLite the bytes
    /// of the file and its write-ahead log (deleted pages included); on PostgreSQL every row of every
    /// table of its schema (what a dump would carry; dead row versions are the engine's, docs/privacy.md).
    /// </summary>
    public async Task<string> DatabaseContentsAsync()
    {
        if (PostgresDatabase is null)
        {
            var wal = DatabasePath + "-wal";
            var bytes = (await File.ReadAllBytesAsync(DatabasePath)).Concat(File.Exists(wal) ? await File.ReadAllBytesAsync(wal) : []).ToArray();
            return System.Text.Encoding.Latin1.GetString(bytes) + "\n" + System.Text.Encoding.UTF8.GetString(bytes);
        }

        await using var connection = new Npgsql.NpgsqlConnection(PostgresDatabase);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new Npgsql.NpgsqlCommand("SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = new Npgsql.NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", connection);
            await using var reader = await rows.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                text.AppendLine(reader.GetString(0));
            }
        }

        return text.ToString();
    }

    public AppDbContext CreateDbContext()
    {
        var scope = Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AppDbContext>();
    }

    /// <summary>
    /// Runs <paramref name="action"/> on the app's database. A test that writes straight to the
    /// database bypasses the app's own eviction of cached public pages, so they are evicted here too.
    /// </summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var scope = Services.CreateScope();
        var result = await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        await scope.ServiceProvider.GetRequiredService<MeToo.Web.Infrastructure.StoryPageEviction>().EvictAsync();
        return result;
    }

    public async Task WithDbAsync(Func<AppDbContext, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        using var scope = Services.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        await scope.ServiceProvider.GetRequiredService<MeToo.Web.Infrastructure.StoryPageEviction>().EvictAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataDirectory", Folder);
        builder.UseSetting("ConnectionStrings:MeToo", $"Data Source={DatabasePath}");
        if (PostgresDatabase is not null)
        {
            builder.UseSetting("Database:Provider", DatabaseOptions.Postgres);
            builder.UseSetting("ConnectionStrings:" + DatabaseSetup.PostgresConnectionStringName, PostgresDatabase);
        }
        builder.UseSetting("DataProtection:CertificatePath", TestCertificate.Path);
        builder.UseSetting("Privacy:ReceiptPepper", Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));
        builder.UseSetting("Logging:File:Path", Path.Combine(LogFolder, "metoo-.log"));
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(Folder, "keys"));
        builder.UseSetting("Database:FailOnQueryWarnings", "true"); // a query EF Core warns about fails the test that ran it
        builder.UseSetting("RateLimits:SharePerClient", "1000");
        builder.UseSetting("RateLimits:ShareGlobal", "10000");
        builder.UseSetting("RateLimits:ReceiptLookupsPerClient", "10000");
        builder.UseSetting("RateLimits:SearchesPerAddress", "100000");
        builder.UseSetting("Staff:RequireTwoFactor", "false"); // the production default (required) is tested in TwoFactorTests
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<ILogEventSink>(Logs);
            services.AddSingleton<IStartupFilter, ClientAddressStartupFilter>();
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            if (PostgresDatabase is not null && _ownsDatabase)
            {
                TestPostgres.DropDatabase(PostgresDatabase);
            }
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // A log file may still be closing; the temp folder is cleaned by the OS.
            }
        }
    }

    /// <summary>Sets the connection's remote address from a test header, before anything else runs.</summary>
    private sealed class ClientAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var value)
                    && IPAddress.TryParse(value.ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                    context.Request.Headers.Remove(ClientAddressHeader);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>One Data Protection certificate for every test host of a run (making RSA keys takes a while).</summary>
public static class TestCertificate
{
    private static readonly Lazy<string> File = new(() =>
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "metoo-tests", $"data-protection-{Environment.ProcessId}.pfx");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, MeToo.Web.Infrastructure.KeyProtection.NewCertificate("CN=MeToo tests"));
        return path;
    });

    public static string Path => File.Value;
}

/// <summary>Every Serilog event the app writes, as rendered text with its properties.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public void Clear() => _events.Clear();

    /// <summary>The message and every property value of every event, one string each.</summary>
    public IEnumerable<string> RenderedEvents() =>
        Events.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + " | "
            + string.Join(" | ", e.Properties.Select(p => $"{p.Key}={p.Value}")) + " | " + e.Exception);
}
