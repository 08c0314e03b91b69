using FluentValidation;
using MeToo.Web.Data;
using MeToo.Web.Domain;
using MeToo.Web.Endpoints;
using MeToo.Web.Infrastructure;
using MeToo.Web.Moderation;
using MeToo.Web.Privacy;
using MeToo.Web.Reading;
using MeToo.Web.Sharing;
using MeToo.Web.Staff;
using MeToo.Web.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

var (command, hostArgs) = CommandLine.Split(args);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = AppStorage.ContentRootFor(hostArgs) });
var environment = builder.Environment;
var configuration = builder.Configuration;

// State: one data directory (database, logs, keys, a developer's secrets), required outside
// Development and never inside the app's own folder. Checked at start-up with the other secrets.
var dataDirectory = AppStorage.DataDirectory(configuration, environment);
if (new AppStorage.Validator(environment).Validate(null, new StorageOptions { DataDirectory = dataDirectory }).Failed)
{
    dataDirectory = null; // nothing touches the disk; the start-up checks below say why and stop
}

builder.Services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<StorageOptions>, AppStorage.Validator>();

// Logging: console and a rolling file; the framework loggers that print paths stay at Warning in code.
builder.Services.AddAppLogging(configuration, dataDirectory);
builder.Services.AddSingleton<AuthorRequestFailures>();
builder.Services.AddHostedService(services => services.GetRequiredService<AuthorRequestFailures>());

// Time and seed data.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(Taxonomy.Load(SeedFiles.Taxonomy));
builder.Services.AddSingleton(Countries.Load(SeedFiles.Countries));

// Privacy: the receipt pepper comes from configuration, never from the database (required; a
// developer's first run makes one in the data directory).
builder.Services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.Section))
    .PostConfigure(o =>
    {
        if (string.IsNullOrWhiteSpace(o.ReceiptPepper) && environment.IsDevelopment() && dataDirectory is not null)
        {
            // Earlier versions kept it beside the project: move it, so a developer's receipts keep working.
            o.ReceiptPepper = ReceiptPepper.ForDevelopment(
                Path.Combine(dataDirectory, ReceiptPepper.DevelopmentFile),
                movedFrom: Path.Combine(environment.ContentRootPath, ReceiptPepper.DevelopmentFile));
        }
    })
    .ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<PrivacyOptions>, PrivacyOptions.Validator>();
builder.Services.AddSingleton(services => new ReceiptHasher(ReceiptPepper.Decode(services.GetRequiredService<IOptions<PrivacyOptions>>().Value.ReceiptPepper)));

// Data: SQLite by default, PostgreSQL for several instances; migrations applied at start-up unless turned off.
var sqliteConnectionString = DatabaseSetup.AddAppDatabase(builder.Services, configuration, dataDirectory);
builder.Services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptions.Validator>();
builder.Services.PostConfigure<DatabaseOptions>(o => o.SeedDemoData &= environment.IsDevelopment());
builder.Services.AddScoped<DatabaseInitializer>();
builder.Services.AddSingleton<DatabaseReadiness>();
builder.Services.AddHostedService(services => services.GetRequiredService<DatabaseReadiness>());
builder.Services.AddScoped<DemoData>();
builder.Services.AddScoped<SiteSettingsStore>();
builder.Services.AddScoped<StoryScreening>();
builder.Services.AddScoped<IOperatorCommand, SeedCommand>();
builder.Services.Configure<BackupOptions>(configuration.GetSection(BackupOptions.Section));
builder.Services.AddScoped<IOperatorCommand, BackupCommand>();
builder.Services.AddScoped<IOperatorCommand, RestoreCommand>();

// A story's end (withdrawal, removal, retention) and the once-a-day keys of readers.
builder.Services.AddMemoryCache();
builder.Services.Configure<ClientKeyOptions>(configuration.GetSection(ClientKeyOptions.Section));
builder.Services.AddSingleton<DailyClientKeys>();
if (DatabaseSetup.UsesPostgres(configuration))
{
    builder.Services.AddSingleton<PostgresVacuum>(); // dead versions of deleted text removed within seconds
    builder.Services.AddHostedService(services => services.GetRequiredService<PostgresVacuum>());
    builder.Services.AddSingleton<IClientKeyStore, PostgresClientKeyStore>(); // shared by every instance
}
else
{
    builder.Services.AddSingleton<IClientKeyStore, MemoryClientKeyStore>();
}

builder.Services.AddHostedService<DailyClientKeysPurge>();
builder.Services.AddScoped<StoryErasure>();

// Moderation: claims and decisions, reports, retention, the open-data export.
builder.Services.AddScoped<ModerationDesk>();
builder.Services.AddScoped<ReportIntake>();
builder.Services.AddScoped<RetentionJob>();
builder.Services.AddScoped<OpenDataExport>();
builder.Services.AddHostedService<RetentionService>();

// Sharing: one story per preview, however often the final step is sent (on any instance).
if (DatabaseSetup.UsesPostgres(configuration))
{
    builder.Services.AddSingleton<ISubmitOnce, PostgresSubmitOnce>();
}
else
{
    builder.Services.AddSingleton<ISubmitOnce, SubmitOnce>();
}

// Readers: support and #MeToo counts, quick exit.
builder.Services.AddScoped<SupportCounter>();
builder.Services.AddSingleton(services => new SearchThreads(services.GetRequiredService<IOptions<RateLimitOptions>>().Value.SearchesAtOnce));
builder.Services.AddOptions<QuickExitOptions>().Bind(configuration.GetSection(QuickExitOptions.Section)).ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<QuickExitOptions>, QuickExitOptions.Validator>();
builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");

// Staff accounts: ASP.NET Core Identity on the same database, no public sign-up, no default UI.
builder.Services.AddStaffAccounts(configuration, environment);

// Web. Staff folders are protected by convention, so a new page cannot forget its attribute.
builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
builder.Services.Configure<LanguageOptions>(configuration.GetSection(LanguageOptions.Section));
builder.Services.AddSingleton<OfferedLanguages>();
builder.Services.AddSingleton(services =>
{
    var stories = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LanguageOptions>>().Value.Stories;
    return new StoryLanguages(stories.Length > 0 ? stories : services.GetRequiredService<OfferedLanguages>().Codes.Concat(LanguageOptions.StoryDefaults));
});
builder.Services.AddSingleton(typeof(IStringLocalizer<>), typeof(CachedStringLocalizer<>));
builder.Services.AddRazorPages(options =>
    {
        options.Conventions.AuthorizeFolder("/Account", StaffAccounts.StaffPolicy);
        options.Conventions.AllowAnonymousToPage("/Account/Login");
        options.Conventions.AllowAnonymousToPage("/Account/LoginWithCode");
        options.Conventions.AllowAnonymousToPage("/Account/Denied");
        options.Conventions.AuthorizeFolder("/Moderation", StaffAccounts.StaffPolicy);
        options.Conventions.AuthorizeFolder("/Admin", StaffAccounts.AdminPolicy);
        options.Conventions.ConfigureFilter(new StaffSessionFilter());
        options.Conventions.AddPageApplicationModelConvention("/Account/Login", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.SignIn)));
        options.Conventions.AddPageApplicationModelConvention("/Account/LoginWithCode", page => page.EndpointMetadata.Add(new EnableRateLimitingAttribute(RateLimits.SignIn)));

        foreach (var page in IndexablePageMetadata.Pages)
        {
            options.Conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(IndexablePageMetadata.Instance));
        }

        // A page answers GET, HEAD and the methods it has handlers for; any other is routing's 405 (a page
        // with no handler for a method rendered without its model: TRACE on a story answered 500). The
        // error page answers every method, so whatever led there gets the friendly page.
        options.Conventions.AddFolderApplicationModelConvention("/", page =>
        {
            if (page.ViewEnginePath != "/Error")
            {
                string[] methods = [HttpMethods.Get, HttpMethods.Head, .. page.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant())];
                page.EndpointMetadata.Add(new HttpMethodMetadata(methods.Distinct(StringComparer.Ordinal)));
            }
        });

        // Author pages, on whatever route they get: never request-logged, never stored.
        options.Conventions.AddFolderApplicationModelConvention("/Share", page => page.EndpointMetadata.Add(AuthorPageMetadata.Instance));
        options.Conventions.AddFolderApplicationModelConvention("/MyStory", page => page.EndpointMetadata.Add(AuthorPageMetadata.Instance));
    })
    .AddViewLocalization();
builder.Services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
builder.Services.AddAntiforgery(options =>
{
    // Secure over HTTPS. Over plain HTTP (a proxy that is not in ForwardedHeaders:KnownProxies) the
    // browser drops the __Host- cookie and a post gets a friendly 400 rather than a 500.
    // `dotnet run` serves plain http://localhost in Development, where the prefix would always fail.
    options.Cookie.Name = environment.IsDevelopment() ? "metoo-af" : "__Host-metoo-af";
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    options.Cookie.SameSite = SameSiteMode.Strict;
    options.Cookie.HttpOnly = true;
    // One cookie for every language: under /es/ the default path would be /es, which a __Host- cookie may not have.
    options.Cookie.Path = "/";
});
builder.Services.AddKeyProtection(configuration, environment, dataDirectory);
builder.Services.AddProxies(configuration);
builder.Services.AddMeTooRateLimits(configuration);
builder.Services.AddRequestLimits(configuration, builder.WebHost);
builder.Services.AddPublicPageCache(configuration);
builder.Services.AddCompression();
builder.Services.AddScoped<StoryPageEviction>();
if (DatabaseSetup.UsesPostgres(configuration))
{
    // Several instances: evictions reach every one, and an instance that cannot hear them does not cache.
    builder.Services.AddSingleton(new PublicPageCacheGate(open: false));
    builder.Services.AddSingleton<PostgresCacheEviction>();
    builder.Services.AddHostedService(services => services.GetRequiredService<PostgresCacheEviction>());
}
else
{
    builder.Services.AddSingleton(new PublicPageCacheGate(open: true));
}

var app = builder.Build();

// Required settings: a missing secret or folder stops the app here, with one clear line each.
if (!StartupChecks.Pass(app.Services, Console.Error))
{
    return 1;
}

if (sqliteConnectionString is not null)
{
    DatabaseSetup.EnsureFolder(sqliteConnectionString);
}

// The database is made ready (migrations, roles, settings, word lists) on another thread while the
// pipeline below is put together and, on SQLite, the server starts listening: on a small server the
// two overlap instead of adding up before the first answer (docs/performance.md, start-up). Until it is done no
// request is served (they wait at the door, below), no background job takes its first step, and the
// host does not report itself started (DatabaseReadiness).
var initialized = Task.Run(async () =>
{
    using var scope = app.Services.CreateScope();
    var services = scope.ServiceProvider;
    await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(async cancellationToken =>
    {
        await StaffUserStore.ProtectStoredTokensAsync(services.GetRequiredService<AppDbContext>(), services.GetRequiredService<IDataProtectionProvider>(), cancellationToken);
        await services.GetRequiredService<DemoStaff>().SeedAsync();
    });
});

var readiness = app.Services.GetRequiredService<DatabaseReadiness>();
readiness.Follow(initialized);
if (command is not null)
{
    await initialized;
    return await CommandLine.RunAsync(command, app.Services);
}

app.UseAuthorRequestMark(); // first: whatever an author's request raises, the exception handler's line too, is never logged
app.Use(readiness.WaitAsync);
app.UseProxies();
app.UseLanguageInPath();
app.UseSecurityHeaders(SecurityHeaders.Policy(app.Environment.IsDevelopment()));
if (!app.Environment.IsDevelopment())
{
    // A client's malformed request is a 4xx with the friendly page; only our own faults are a 500.
    app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", StatusCodeSelector = ClientErrors.StatusCodeFor });
}

app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseMiddleware<CachePolicy>();
app.UseLanguageCulture();
app.UseRouting();
app.UseAuthorRequestSilence();
app.UseWhen(Compression.IsStaticFile, files => files.UseResponseCompression());
app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = CachePolicy.ForStaticFile });
app.UseMiddleware<RequestLogging>();
app.UseMiddleware<FormLimits>();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseOutputCache();
app.UseWhen(SearchAdmission.IsSearch, searches => searches.UseMiddleware<SearchAdmission>()); // admitted here, then below every other page's priority
app.UseWhen(Compression.IsPublicPage, pages => pages.UseResponseCompression()); // inside the cache: compressed once
app.MapHealthChecks("/healthz");
app.MapRazorPages();
app.MapReaderEndpoints();
app.MapFeed().CacheOutput(PublicPageCache.Policy);

try
{
    if (DatabaseSetup.UsesPostgres(configuration))
    {
        // There the key ring is in the database, and Data Protection reads it as the host starts: the
        // host starts once the database is ready (decision 0021).
        await initialized;
    }

    await app.RunAsync();
}
catch (Exception exception) when (initialized.IsFaulted)
{
    // A file that is not a database, one the app cannot write, a server that refuses: the full
    // exception goes to the log, and the operator's console gets one line, as for a missing setting.
    app.Logger.LogCritical(exception, "The database could not be made ready");
    await Console.Error.WriteLineAsync("MeToo cannot start: the database could not be made ready: " + initialized.Exception!.InnerException!.Message);
    return 1;
}

return 0;

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
