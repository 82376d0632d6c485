using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Hop.Security;

/// <summary>Security headers on every response, and keys at rest encrypted with a certificate when one is configured.</summary>
internal static class SecurityServices
{
    /// <summary>ASP.NET Core's logger that warns of every unencrypted key it writes; <see cref="KeysAtRest"/> says it once instead.</summary>
    private const string KeyManagerCategory = "Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager";

    public static void AddSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SecurityHeaders>();
        services.AddSingleton<KeyEncryption>();
        services.AddOptions<KeyManagementOptions>().Configure<KeyEncryption, ILoggerFactory>((keys, encryption, loggers) =>
        {
            if (encryption.Certificate is { } certificate)
            {
                keys.XmlEncryptor = new CertificateKeyEncryptor(certificate, loggers);
            }
        });

        // Read from configuration, not from the options: the logger is made before the options are checked.
        services.AddOptions<LoggerFilterOptions>().Configure<IConfiguration>((filters, configuration) =>
        {
            if (string.IsNullOrEmpty(configuration[$"{SecurityOptions.Section}:{nameof(SecurityOptions.KeyEncryptionCertificate)}"]))
            {
                filters.Rules.Add(new LoggerFilterRule(null, KeyManagerCategory, LogLevel.Error, null));
            }
        });
    }

    /// <summary>After the redirect fast path, which sets its own (<see cref="SecurityHeaders"/> says which).</summary>
    public static void UseSecurityHeaders(this WebApplication app)
    {
        SecurityHeaders? headers = null;
        app.Use((http, next) =>
        {
            (headers ??= app.Services.GetRequiredService<SecurityHeaders>()).Apply(http);
            return next(http);
        });
    }
}
