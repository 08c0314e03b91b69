using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AngleSharp.Html.Dom;
using MeToo.Tests.Harness;

namespace MeToo.Tests.Infrastructure;

/// <summary>
/// The app as the operations guide runs it: published, started with <c>dotnet MeToo.Web.dll</c> from
/// another folder, in Production, configured through the environment, over HTTPS. The audit found
/// this way logging author actions to the millisecond and dropping secrets into the working folder.
/// </summary>
public sealed class OperatorRunTests : IDisposable
{
    private readonly string _work = Temp("work");
    private readonly string _data = Temp("data");

    public void Dispose()
    {
        foreach (var folder in new[] { _work, _data })
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // a log file may still be closing
            }
        }
    }

    private static string Temp(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "metoo-tests", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static readonly string Pepper = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private Dictionary<string, string?> Environment(int port) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Storage__DataDirectory"] = _data,
        ["Privacy__ReceiptPepper"] = Pepper,
        ["DataProtection__CertificatePath"] = TestCertificate.Path,
        ["Kestrel__Endpoints__Https__Url"] = $"https://127.0.0.1:{port}",
        ["Kestrel__Endpoints__Https__Certificate__Path"] = TlsCertificate.Value,
        ["Test__Address"] = $"https://127.0.0.1:{port}",
    };

    /// <summary>A server certificate for 127.0.0.1, made for this run.</summary>
    private static readonly Lazy<string> TlsCertificate = new(() =>
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        var path = Path.Combine(Path.GetTempPath(), "metoo-tests", $"tls-{System.Environment.ProcessId}.pfx");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
        return path;
    });

    private static HttpClient ClientFor(PublishedApp app) =>
        new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true, AllowAutoRedirect = false })
        {
            BaseAddress = app.Address,
        };

    [Fact]
    public async Task StartedFromAnotherFolder_TheAuthorJourneyLeavesNoLogLine_AndStateStaysInTheDataDirectory()
    {
        var port = PublishedApp.FreePort();
        await using var app = PublishedApp.Start(_work, Environment(port));
        using var client = ClientFor(app);
        await app.WaitUntilUpAsync(client);
        var body = $"An operator's journey story that must never reach a log line. {Guid.NewGuid():N}";
        var logFolder = Path.Combine(_data, "logs");
        await client.GetAsync("/stories");
        await Eventually.WaitForAsync(() => app.Output + Files.ReadFolderText(logFolder), text => text.Contains("GET /stories", StringComparison.Ordinal));
        var (consoleBefore, fileBefore) = (app.Output.Length, Files.ReadFolderText(logFolder).Length);

        // The whole author journey in each language — the preview with a country and a year asks how
        // many stories share them — then one reader's page, whose line closes the window.
        var receipts = new List<string>();
        IHtmlDocument? withdrawn = null;
        foreach (var language in new[] { string.Empty, "/es", "/fr" })
        {
            var receipt = await Journeys.ShareAndGetReceiptInAsync(client, language, body, ("Draft.Country", "GB"), ("Draft.Year", "2019"), ("Draft.Settings", "workplace"));
            receipts.Add(receipt);
            await MyStoryJourney.OpenAsync(client, receipt, language);
            await MyStoryJourney.EditInAsync(client, language, receipt, ("Draft.Body", body + " Edited."));
            withdrawn = await MyStoryJourney.WithdrawAsync(client, receipt, language);
        }

        var stylesheet = await client.GetAsync("/css/site.css");
        await client.GetAsync("/about");
        var logs = await Eventually.WaitForAsync(
            () => app.Output + Files.ReadFolderText(logFolder),
            text => text.Contains("GET /about", StringComparison.Ordinal));
        var added = (app.Output[consoleBefore..] + "\n" + Files.ReadFolderText(logFolder)[fileBefore..])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.NotNull(withdrawn!.QuerySelector("#withdrawn"));
        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode); // the app's own files, found from another folder
        Assert.Contains("GET /stories", logs, StringComparison.Ordinal); // the capture works
        // Not one line from three languages' journeys (nor from the stylesheet, served before request
        // logging): what the window holds is the closing reader's page, in the console and in the file.
        Assert.Equal(2, added.Length);
        Assert.All(added, line => Assert.Contains("HTTP GET /about responded 200", line, StringComparison.Ordinal));
        foreach (var forbidden in new[] { "OnPost", "INSERT", "UPDATE \"", "DELETE FROM", "/share", "/my-story", "handler", "Executing", "Executed", "Request starting", "Request finished", "row limiting", body[..30] }.Concat(receipts).Concat(receipts.Select(r => r.Replace("-", string.Empty, StringComparison.Ordinal))))
        {
            Assert.DoesNotContain(forbidden, logs, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Empty(Directory.GetFileSystemEntries(_work)); // no secrets/, logs/ or data/ where it was started
        Assert.True(File.Exists(Path.Combine(_data, "metoo.db")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_data, "logs")));
        foreach (var folder in new[] { "secrets", "logs", "data" })
        {
            Assert.False(Directory.Exists(Path.Combine(PublishedApp.Folder, folder)), $"{folder}/ appeared in the app's own folder");
        }

        // Data Protection keys are encrypted with the configured certificate, never stored in clear.
        var key = File.ReadAllText(Directory.GetFiles(Path.Combine(_data, "keys"), "key-*.xml").Single());
        Assert.Contains("EncryptedData", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<value>", key, StringComparison.Ordinal);
        Assert.DoesNotContain("No XML encryptor configured", logs, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> MissingSettings => new()
    {
        { "Privacy__ReceiptPepper", "Privacy:ReceiptPepper is not set" },
        { "Storage__DataDirectory", "Storage:DataDirectory is not set" },
        { "DataProtection__CertificatePath", "DataProtection:CertificatePath is not set" },
    };

    [Theory]
    [MemberData(nameof(MissingSettings))]
    public async Task WithoutARequiredSetting_TheAppRefusesToStart_WithOneClearLine(string variable, string message)
    {
        var environment = Environment(PublishedApp.FreePort());
        environment[variable] = null;
        environment.Remove(variable);

        await using var app = PublishedApp.Start(_work, environment);
        var exit = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exit);
        var line = Assert.Single(app.Output.Split('\n'), l => l.Contains(message, StringComparison.Ordinal));
        Assert.StartsWith("MeToo cannot start: ", line.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", app.Output, StringComparison.Ordinal); // a sentence, not a stack trace
        Assert.Empty(Directory.GetFileSystemEntries(_work));
    }

    public static TheoryData<string, string> WrongDatabaseSettings => new()
    {
        { "Oracle", "Database:Provider is \"Oracle\"; it must be \"Sqlite\" (the default) or \"Postgres\"." },
        { "Postgres", "Database:Provider is \"Postgres\" but ConnectionStrings:MeTooPostgres is not set." },
    };

    [Theory]
    [MemberData(nameof(WrongDatabaseSettings))]
    public async Task AnUnknownProvider_OrPostgresWithoutAConnectionString_IsRefusedWithOneClearLine(string provider, string message)
    {
        var environment = Environment(PublishedApp.FreePort());
        environment["Database__Provider"] = provider;

        await using var app = PublishedApp.Start(_work, environment);
        var exit = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exit);
        var line = Assert.Single(app.Output.Split('\n'), l => l.Contains(message, StringComparison.Ordinal));
        Assert.StartsWith("MeToo cannot start: ", line.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", app.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_work, "metoo.db")), "nothing is written before the settings pass");
    }

    /// <summary>
    /// The database is made ready while the server starts listening (DatabaseReadiness). When it
    /// cannot be — here a file that is not a database — the start fails with one clear line and
    /// exit code 1 (it was an unhandled exception's stack trace and exit code 134), and no request
    /// that reached the server meanwhile was served a page or our fault's 500.
    /// </summary>
    [Fact]
    public async Task AFileThatIsNotADatabase_StopsTheStart_WithOneClearLine_AndServesNothing()
    {
        await File.WriteAllBytesAsync(Path.Combine(_data, "metoo.db"), RandomNumberGenerator.GetBytes(8192));
        await using var app = PublishedApp.Start(_work, Environment(PublishedApp.FreePort()));
        using var client = ClientFor(app);
        client.Timeout = TimeSpan.FromSeconds(30);
        var answers = new List<HttpStatusCode>();
        while (!app.HasExited)
        {
            try
            {
                answers.Add((await client.GetAsync("/")).StatusCode);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(20); // not listening (yet, or any more)
            }
        }

        var exit = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exit);
        var line = Assert.Single(app.Output.Split('\n'), l => l.Contains("MeToo cannot start", StringComparison.Ordinal));
        Assert.Equal("MeToo cannot start: the database could not be made ready: SQLite Error 26: 'file is not a database'.", line.Trim());
        Assert.DoesNotContain("Unhandled exception", app.Output, StringComparison.Ordinal);
        Assert.All(answers, status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
    }

    [Fact]
    public async Task ADataDirectoryInsideTheAppsOwnFolder_IsRefused()
    {
        var environment = Environment(PublishedApp.FreePort());
        environment["Storage__DataDirectory"] = Path.Combine(PublishedApp.Folder, "data");

        await using var app = PublishedApp.Start(_work, environment);
        var exit = await app.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exit);
        Assert.Contains("is inside the app's own folder", app.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(PublishedApp.Folder, "data")));
    }
}
