using System.Data.Common;
using System.Security.Cryptography;
using System.Xml.Linq;
using Hop.Accounts;
using Hop.Data;
using Microsoft.EntityFrameworkCore;

namespace Hop.Security;

/// <summary>
/// Checks, before the app serves anything, that the keys stored in the database can be read with the
/// configured certificate (or that none is needed), and encrypts what an earlier start stored in plain
/// form once a certificate is configured. A wrong or missing certificate is one clear log line and exit
/// code 1, not a stack trace at the first sign-in.
/// </summary>
internal static partial class KeysAtRest
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";

    public static async Task<bool> KeysAtRestAreReadableAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeysAtRest).FullName!);
        var encryption = app.Services.GetRequiredService<KeyEncryption>();
        if (!encryption.Enabled)
        {
            KeysUnencrypted(logger);
        }

        var ct = app.Lifetime.ApplicationStopping;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HopDbContext>();
        string? problem;
        try
        {
            // A database without a schema yet holds no keys; migrations make it after this check.
            if (!(await db.Database.GetAppliedMigrationsAsync(ct)).Any())
            {
                return true;
            }

            problem = await CheckSigningKeyAsync(db, encryption, logger, ct)
                ?? await CheckDataProtectionKeysAsync(db, encryption, scope.ServiceProvider, logger, ct);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or TimeoutException)
        {
            // An unreachable database fails on its own, where readiness reports it; the keys are checked as they are read.
            return true;
        }

        if (problem is not null)
        {
            KeysUnreadable(logger, problem);
            return false;
        }

        return true;
    }

    private static async Task<string?> CheckSigningKeyAsync(HopDbContext db, KeyEncryption encryption, ILogger logger, CancellationToken ct)
    {
        var stored = await db.AppSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == JwtSigningKeys.SettingKey, ct);
        if (stored is null)
        {
            return null;
        }

        var (secret, error) = encryption.TryUnseal(stored.Value);
        if (secret is null)
        {
            return $"The JWT signing key cannot be read: {error}. Configure the certificate it was encrypted with.";
        }

        if (encryption.Enabled && !KeyEncryption.IsSealed(stored.Value))
        {
            var value = stored.Value;
            var sealedValue = encryption.Seal(secret);
            await db.AppSettings.Where(s => s.Key == JwtSigningKeys.SettingKey && s.Value == value)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Value, sealedValue), ct);
            KeysEncrypted(logger, "the JWT signing key", encryption.CertificateId!);
        }

        return null;
    }

    private static async Task<string?> CheckDataProtectionKeysAsync(
        HopDbContext db, KeyEncryption encryption, IServiceProvider services, ILogger logger, CancellationToken ct)
    {
        var decryptor = new CertificateKeyDecryptor(services);
        var encryptor = encryption.Certificate is { } certificate
            ? new CertificateKeyEncryptor(certificate, services.GetRequiredService<ILoggerFactory>())
            : null;
        var encrypted = 0;
        foreach (var key in await db.DataProtectionKeys.ToListAsync(ct))
        {
            if (key.Xml is null)
            {
                continue;
            }

            var xml = XElement.Parse(key.Xml);
            foreach (var secret in xml.Descendants(EncryptedSecret))
            {
                if (!encryption.Enabled)
                {
                    return $"The data-protection key {key.FriendlyName} is encrypted with a certificate and "
                        + "Security:KeyEncryptionCertificate is not set. Configure the certificate it was encrypted with.";
                }

                try
                {
                    decryptor.Decrypt(secret.Elements().Single());
                }
                catch (Exception e) when (e is CryptographicException or InvalidOperationException)
                {
                    return $"The data-protection key {key.FriendlyName} cannot be decrypted with the configured certificate "
                        + $"{encryption.CertificateId} ({e.Message}). Configure the certificate it was encrypted with.";
                }
            }

            if (encryptor is not null && Encrypt(xml, encryptor))
            {
                key.Xml = xml.ToString(SaveOptions.DisableFormatting);
                encrypted++;
            }
        }

        if (encrypted > 0)
        {
            await db.SaveChangesAsync(ct);
            KeysEncrypted(logger, $"{encrypted} data-protection key(s)", encryption.CertificateId!);
        }

        return null;
    }

    /// <summary>Replaces each plain secret of a key as data protection itself would have stored it encrypted.</summary>
    private static bool Encrypt(XElement key, CertificateKeyEncryptor encryptor)
    {
        var plain = key.Descendants().Where(e => (bool?)e.Attribute(RequiresEncryption) == true).ToList();
        foreach (var element in plain)
        {
            var info = encryptor.Encrypt(element);
            element.ReplaceWith(new XElement(EncryptedSecret,
                new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement));
        }

        return plain.Count > 0;
    }

    [LoggerMessage(EventId = 730, Level = LogLevel.Warning, Message =
        "Keys are stored unencrypted: the data-protection keys (sessions, antiforgery) and the JWT signing key are in the "
        + "database as they are, so anyone who can read the database can forge sign-ins. Set Security:KeyEncryptionCertificate "
        + "(HOP__Security__KeyEncryptionCertificate) to a PFX or PEM file with an RSA certificate and its private key to encrypt them")]
    private static partial void KeysUnencrypted(ILogger logger);

    [LoggerMessage(EventId = 731, Level = LogLevel.Critical, Message = "Hop cannot start: {Problem}")]
    private static partial void KeysUnreadable(ILogger logger, string problem);

    [LoggerMessage(EventId = 732, Level = LogLevel.Information, Message = "Encrypted {What}, stored in plain form until now, with the certificate {CertificateId}")]
    private static partial void KeysEncrypted(ILogger logger, string what, string certificateId);
}
