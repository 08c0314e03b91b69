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
using Serilog;

var (command, hostArgs) = CommandLine.Split(args);
var builder = WebApplication.CreateBuilder(hostArgs);
var environment = builder.Environment;
var configuration = builder.Configuration;

// Logging: console and a rolling file, levels from configuration. Request lines come from
// RequestLogging (route templates only); the framework loggers that print paths stay at Warning.
var logFile = Path.Combine(environment.ContentRootPath, configuration["Logging:File:Path"] ?? "logs/metoo-.log");
var logRetention = configuration.GetValue("Logging:File:RetainedFiles", 14);
builder.Services.AddSerilog((services, logger) => logger
    .ReadFrom.Configuration(configuration)
    .ReadFrom.Services(services)
    .Enrich.With<DropRequestDetails>()
    .WriteTo.Console()
    .WriteTo.File(logFile, rollingInterval: RollingInterval.Day, retainedFileCountLimit: logRetention),
    preserveStaticLogger: true); // each host its own logger: tests run several hosts at once

// Time and seed data.
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(Taxonomy.Load(SeedFiles.Taxonomy));
builder.Services.AddSingleton(Countries.Load(SeedFiles.Countries));

// Privacy: the receipt pepper comes from configuration, never from the database.
builder.Services.AddSingleton(_ => new ReceiptHasher(ReceiptPepper.Resolve(configuration, environment)));
builder.Services.Configure<PrivacyOptions>(configuration.GetSection(PrivacyOptions.Section));

// Data: SQLite by default, migrations applied at start-up unless turned off.
var connectionString = DatabaseSetup.ResolveSqliteConnectionString(configuration, environment.ContentRootPath);
builder.Services.AddDbContext<AppDbContext>(options => DatabaseSetup.ConfigureSqlite(options, connectionString));
builder.Services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
builder.Services.PostConfigure<DatabaseOptions>(o => o.SeedDemoData &= environment.IsDevelopment());
builder.Services.AddScoped<DatabaseInitializer>();
builder.Services.AddScoped<DemoData>();
builder.Services.AddScoped<SiteSettingsStore>();
builder.Services.AddScoped<StoryScreening>();
builder.Services.AddScoped<IOperatorCommand, SeedCommand>();

// A story's end (withdrawal, removal, retention) and the once-a-day keys of readers.
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<DailyClientKeys>();
builder.Services.AddHostedService<DailyClientKeysPurge>();
builder.Services.AddScoped<StoryErasure>();

// Moderation: claims and decisions, reports, retention, the open-data export.
builder.Services.AddScoped<ModerationDesk>();
builder.Services.AddScoped<ReportIntake>();
builder.Services.AddScoped<RetentionJob>();
builder.Services.AddScoped<OpenDataExport>();
builder.Services.AddHostedService<RetentionService>();

// Sharing: one story per preview, however often the final step is sent.
builder.Services.AddSingleton<SubmitOnce>();

// Readers: support and #MeToo counts, the "most supported" ranking, quick exit.
builder.Services.AddScoped<SupportCounter>();
builder.Services.AddScoped<SupportRankJob>();
builder.Services.AddHostedService<SupportRankService>();
builder.Services.Configure<QuickExitOptions>(configuration.GetSection(QuickExitOptions.Section));
builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");

// Staff accounts: ASP.NET Core Identity on the same database, no public sign-up, no default UI.
builder.Services.AddStaffAccounts(configuration, environment);

// Web. Staff folders are protected by convention, so a new page cannot forget its attribute.
builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
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
    })
    .AddViewLocalization();
builder.Services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
builder.Services.AddAntiforgery(options =>
{
    // Secure over HTTPS. Over plain HTTP (a proxy without ASPNETCORE_FORWARDEDHEADERS_ENABLED) the
    // browser drops the __Host- cookie and a post gets a friendly 400 rather than a 500.
    // `dotnet run` serves plain http://localhost in Development, where the prefix would always fail.
    options.Cookie.Name = environment.IsDevelopment() ? "metoo-af" : "__Host-metoo-af";
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    options.Cookie.SameSite = SameSiteMode.Strict;
    options.Cookie.HttpOnly = true;
});
builder.Services.AddDataProtection()
    .SetApplicationName("MeToo")
    .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(environment.ContentRootPath, configuration["DataProtection:KeysPath"] ?? "secrets/data-protection-keys")));
builder.Services.AddMeTooRateLimits(configuration);
builder.Services.AddRequestLimits(configuration, builder.WebHost);
builder.Services.AddPublicPageCache(configuration);
builder.Services.AddScoped<StoryPageEviction>();

var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    await scope.ServiceProvider.GetRequiredService<DemoStaff>().SeedAsync();
}

if (command is not null)
{
    return await CommandLine.RunAsync(command, app.Services);
}

app.UseSecurityHeaders(SecurityHeaders.Policy(app.Environment.IsDevelopment()));
if (!app.Environment.IsDevelopment())
{
    // A client's malformed request is a 4xx with the friendly page; only our own faults are a 500.
    app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error", StatusCodeSelector = ClientErrors.StatusCodeFor });
}

app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseMiddleware<CachePolicy>();
app.UseRequestLocalization(options => options.SetDefaultCulture("en").AddSupportedCultures("en").AddSupportedUICultures("en"));
app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = CachePolicy.ForStaticFile });
app.UseRouting();
app.UseMiddleware<RequestLogging>();
app.UseMiddleware<FormLimits>();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseOutputCache();
app.MapHealthChecks("/healthz");
app.MapRazorPages();
app.MapReaderEndpoints();
app.MapFeed().CacheOutput(PublicPageCache.Policy);

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to <c>WebApplicationFactory</c> in tests.</summary>
public partial class Program;
