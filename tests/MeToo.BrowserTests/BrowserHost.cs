using System.Net;
using MeToo.Web.Staff;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MeToo.BrowserTests;

/// <summary>
/// The app on real Kestrel (127.0.0.1, a free port, plain HTTP) with its own SQLite file, and
/// Debian's Chromium driven by Playwright. Development environment: over plain HTTP the browser
/// would drop the <c>__Host-</c> cookies of other environments. No demo data.
/// </summary>
public class BrowserHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string StaffPassword = "correct horse battery staple";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "metoo-browser-tests", Guid.NewGuid().ToString("n"));
    private IPlaywright? _playwright;

    public BrowserHost()
    {
        Directory.CreateDirectory(_folder);
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public IBrowser? Browser { get; private set; }

    /// <summary>Why the browser tests cannot run here, or null.</summary>
    public string? Missing { get; private set; }

    public Uri BaseAddress { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder) => Configure(builder);

    /// <summary>The host's settings; a subclass adds its own after these.</summary>
    protected virtual void Configure(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:DataDirectory", _folder);
        builder.UseSetting("ConnectionStrings:MeToo", $"Data Source={Path.Combine(_folder, "metoo.db")}");
        builder.UseSetting("Database:SeedDemoData", "false");
        builder.UseSetting("Database:FailOnQueryWarnings", "true");
        builder.UseSetting("Privacy:ReceiptPepper", Convert.ToBase64String(Enumerable.Range(7, 32).Select(i => (byte)i).ToArray()));
        builder.UseSetting("Logging:File:Path", Path.Combine(_folder, "logs", "metoo-.log"));
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(_folder, "keys"));
        builder.UseSetting("RateLimits:SignInsPerAddress", "1000");
        builder.UseSetting("RateLimits:SharePerClient", "1000");
        builder.UseSetting("RateLimits:SearchesPerAddress", "100000");
        // No third-party site in tests; a destination per language, so a test sees which one the exit chose.
        builder.UseSetting("QuickExit:Urls:en", "/about?left=en");
        builder.UseSetting("QuickExit:Urls:es", "/about?left=es");
        builder.UseSetting("QuickExit:Urls:fr", "/about?left=fr");
    }

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Missing = $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium).";
            return;
        }

        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>Skips a test where Chromium is missing — except under CI, where that is a failure.</summary>
    public void RequireBrowser()
    {
        if (Missing is null)
        {
            return;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(Missing + " CI must install it.");
        }

        Assert.Skip(Missing);
    }

    public async Task<IPage> NewPageAsync(bool javaScript = true, string? locale = null)
    {
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), JavaScriptEnabled = javaScript, Locale = locale ?? "en-GB" });

        // CI machines are small and shared: be patient rather than flaky.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    /// <summary>A published story, straight through the database (these tests are about reading it).</summary>
    private Task<string>? _accessibilityStory;

    /// <summary>
    /// One published story with a content warning for the accessibility checks of this host, made once:
    /// a story per check filled the first page of /stories, where stories of the same day come in
    /// random order, and pushed other tests' stories off it.
    /// </summary>
    public Task<string> AccessibilityStoryAsync() =>
        _accessibilityStory ??= PublishedStoryAsync(BrowserJourney.Body("A story for the accessibility check."), ["graphic-detail"]);

    public async Task<string> PublishedStoryAsync(string body, string[]? warnings = null, string? title = null, string? name = null, bool publish = true)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeToo.Web.Data.AppDbContext>();
        var story = MeToo.Web.Domain.Story.Submit(MeToo.Web.Privacy.PublicId.New(),
            new MeToo.Web.Domain.StoryContent(title, body, name, null, null, ["workplace"], ["verbal-harassment"], warnings ?? []),
            System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), DateOnly.FromDateTime(DateTime.UtcNow));
        if (publish)
        {
            story.Approve(DateOnly.FromDateTime(DateTime.UtcNow));
        }

        db.Stories.Add(story);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<MeToo.Web.Infrastructure.StoryPageEviction>().EvictAsync();
        return story.PublicId;
    }

    public async Task CreateStaffAsync(string username, string role)
    {
        using var scope = Services.CreateScope();
        var exit = await scope.ServiceProvider.GetRequiredService<StaffCommands>().RunAsync(
            ["create", "--email", $"{username}@example.org", "--role", role, "--username", username, "--password-stdin"],
            new StringReader(StaffPassword), TextWriter.Null, TextWriter.Null);
        Assert.Equal(0, exit);
    }

    public async Task SignInAsync(IPage page, string username)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#Username", username);
        await page.FillAsync("#Password", StaffPassword);
        await page.ClickAsync("form#login-form button[type=submit]");
        await page.WaitForUrlOrExplainAsync("**/account");
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be closing; the temp folder is cleaned by the OS.
        }

        GC.SuppressFinalize(this);
    }
}
