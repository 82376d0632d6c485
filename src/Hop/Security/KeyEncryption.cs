using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Hop.Security;

/// <summary>
/// The certificate that keys at rest are encrypted with (<c>Security:KeyEncryptionCertificate</c>), or
/// none. A secret stored with it reads <c>rsa-oaep-sha256:{certificate id}:{base64}</c>, wrapped with
/// RSA-OAEP and the certificate's public key; a secret stored without one is plain base64, so either
/// form tells at a glance which it is and which certificate opens it.
/// </summary>
internal sealed class KeyEncryption : IDisposable
{
    private const string Scheme = "rsa-oaep-sha256";

    public KeyEncryption(IOptions<SecurityOptions> options)
    {
        var security = options.Value;
        Certificate = string.IsNullOrEmpty(security.KeyEncryptionCertificate)
            ? null
            : KeyEncryptionCertificates.Load(security.KeyEncryptionCertificate, security.KeyEncryptionCertificatePassword).Certificate;
        CertificateId = Certificate is null ? null : KeyEncryptionCertificates.IdOf(Certificate);
    }

    public X509Certificate2? Certificate { get; }

    public string? CertificateId { get; }

    public bool Enabled => Certificate is not null;

    public static bool IsSealed(string stored) => stored.StartsWith(Scheme + ":", StringComparison.Ordinal);

    /// <summary>The form a secret is stored in: wrapped with the certificate when there is one.</summary>
    public string Seal(byte[] secret)
    {
        if (Certificate is null)
        {
            return Convert.ToBase64String(secret);
        }

        using var rsa = Certificate.GetRSAPublicKey()!;
        return $"{Scheme}:{CertificateId}:{Convert.ToBase64String(rsa.Encrypt(secret, RSAEncryptionPadding.OaepSHA256))}";
    }

    /// <summary>The secret from its stored form, or why it cannot be read with the configured certificate.</summary>
    public (byte[]? Secret, string? Error) TryUnseal(string stored)
    {
        if (!IsSealed(stored))
        {
            return (Convert.FromBase64String(stored), null);
        }

        var parts = stored.Split(':', 3);
        if (Certificate is null)
        {
            return (null, $"it is encrypted with the certificate {parts[1]}, and Security:KeyEncryptionCertificate is not set");
        }

        if (parts.Length != 3 || parts[1] != CertificateId)
        {
            return (null, $"it is encrypted with the certificate {parts[1]}, not with the configured {CertificateId}");
        }

        try
        {
            using var rsa = Certificate.GetRSAPrivateKey()!;
            return (rsa.Decrypt(Convert.FromBase64String(parts[2]), RSAEncryptionPadding.OaepSHA256), null);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return (null, $"the configured certificate {CertificateId} cannot decrypt it ({e.Message})");
        }
    }

    public void Dispose() => Certificate?.Dispose();
}
