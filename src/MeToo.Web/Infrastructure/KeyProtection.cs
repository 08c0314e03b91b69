using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MeToo.Web.Data;
using Microsoft.AspNetCore.DataProtection;

namespace MeToo.Web.Infrastructure;

/// <summary>
/// Data Protection (anti-forgery tokens, staff cookies): the key ring lives in the data directory
/// (on PostgreSQL in the database, shared by every instance), and every key in it is encrypted with a certificate from configuration (privacy rule 13), so a
/// copy of the data directory or a backup alone cannot forge a staff cookie. Required outside
/// Development; a developer's first run makes a self-signed one in the data directory.
/// </summary>
public sealed class KeyProtectionOptions
{
    public const string Section = "DataProtection";

    /// <summary>Where the key ring lives; relative to the data directory. Default <c>keys</c>.</summary>
    public string? KeysPath { get; set; }

    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key; relative to the data directory.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

public static class KeyProtection
{
    public const string ApplicationName = "MeToo";
    public const string DevelopmentCertificate = "secrets/data-protection.pfx";

    public static IServiceCollection AddKeyProtection(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, string? dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var section = configuration.GetSection(KeyProtectionOptions.Section);
        var options = section.Get<KeyProtectionOptions>() ?? new KeyProtectionOptions();
        services.AddOptions<KeyProtectionOptions>().Bind(section)
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.CertificatePath) && environment.IsDevelopment() && dataDirectory is not null)
                {
                    o.CertificatePath = Path.Combine(dataDirectory, DevelopmentCertificate);
                }
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.CertificatePath),
                "DataProtection:CertificatePath is not set. Make a certificate for the key ring (for example `openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj /CN=MeToo-DataProtection -keyout dp.key -out dp.crt && openssl pkcs12 -export -inkey dp.key -in dp.crt -out dp.pfx`), keep it outside the data directory's backups, and set DataProtection__CertificatePath (and DataProtection__CertificatePassword).")
            .Validate(o => string.IsNullOrWhiteSpace(o.CertificatePath) || Load(Resolve(o.CertificatePath, dataDirectory), o.CertificatePassword) is not null,
                "DataProtection:CertificatePath does not name a readable PKCS#12 file with a private key (check the path and DataProtection__CertificatePassword).")
            .ValidateOnStart();

        var builder = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (dataDirectory is null)
        {
            return services; // start-up validation stops the app before any key is made
        }

        if (DatabaseSetup.UsesPostgres(configuration))
        {
            // Several instances: one key ring in the database, so a cookie or a form made by one
            // instance is read by every other. Each key is still encrypted with the certificate below.
            builder.PersistKeysToDbContext<PostgresDbContext>();
        }
        else
        {
            builder.PersistKeysToFileSystem(new DirectoryInfo(AppStorage.InData(dataDirectory, options.KeysPath, "keys")));
        }

        var certificatePath = options.CertificatePath;
        if (string.IsNullOrWhiteSpace(certificatePath) && environment.IsDevelopment())
        {
            certificatePath = Path.Combine(dataDirectory, DevelopmentCertificate);
            EnsureDevelopmentCertificate(certificatePath);
        }

        if (!string.IsNullOrWhiteSpace(certificatePath) && Load(Resolve(certificatePath, dataDirectory), options.CertificatePassword) is { } certificate)
        {
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        return services;
    }

    private static string Resolve(string path, string? dataDirectory) =>
        dataDirectory is null ? Path.GetFullPath(path) : AppStorage.InData(dataDirectory, path, path);

    private static X509Certificate2? Load(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey ? certificate : null;
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A self-signed certificate for a developer's key ring, made once, readable by its owner only.</summary>
    public static void EnsureDevelopmentCertificate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, NewCertificate("CN=MeToo Data Protection (development)"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>A new self-signed RSA certificate with its private key, as PKCS#12 bytes without a password.</summary>
    public static byte[] NewCertificate(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
        return certificate.Export(X509ContentType.Pkcs12);
    }
}
