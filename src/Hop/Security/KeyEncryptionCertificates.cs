using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Hop.Security;

/// <summary>Loads the key-encryption certificate from a PFX or PEM file and says plainly what is wrong with it.</summary>
internal static class KeyEncryptionCertificates
{
    public static (X509Certificate2? Certificate, string? Error) Load(string path, string? password)
    {
        if (!File.Exists(path))
        {
            return (null, $"'{path}' does not exist.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = IsPem(path)
                ? string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(path)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password)
                : X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            return (null, $"'{path}' cannot be loaded as a PFX or PEM certificate with its private key "
                + $"(is Security:KeyEncryptionCertificatePassword right?): {e.Message}");
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            return (null, $"'{path}' holds no private key; the keys could be encrypted but never read back.");
        }

        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is null)
        {
            certificate.Dispose();
            return (null, $"'{path}' is not an RSA certificate; only RSA keys can encrypt the stored keys.");
        }

        return (certificate, null);
    }

    /// <summary>A short, stable name of the certificate for messages and for the stored secret's header.</summary>
    public static string IdOf(X509Certificate2 certificate) =>
        Convert.ToHexStringLower(certificate.GetCertHash(HashAlgorithmName.SHA256))[..16];

    private static bool IsPem(string path)
    {
        Span<byte> start = stackalloc byte[1024];
        using var file = File.OpenRead(path);
        var read = file.Read(start);
        return System.Text.Encoding.ASCII.GetString(start[..read]).Contains("-----BEGIN", StringComparison.Ordinal);
    }
}
