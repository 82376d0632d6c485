using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Hop.Security;

/// <summary>
/// Decrypts a data-protection key that <see cref="CertificateKeyEncryptor"/> encrypted. Data protection
/// makes it by the type name stored in each key's XML, so the name of this type is part of the stored
/// keys and stays as it is.
/// </summary>
internal sealed class CertificateKeyDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var certificate = services.GetRequiredService<KeyEncryption>().Certificate
            ?? throw new CryptographicException("The key is encrypted with a certificate and Security:KeyEncryptionCertificate is not set.");
        var document = new XmlDocument { PreserveWhitespace = true };
        using (var reader = encryptedElement.CreateReader())
        {
            document.Load(reader);
        }

        new WithCertificate(document, certificate).DecryptDocument();
        return XElement.Parse(document.DocumentElement!.OuterXml);
    }

    /// <summary>Finds the session key with the one configured certificate instead of looking in a store.</summary>
    private sealed class WithCertificate(XmlDocument document, X509Certificate2 certificate) : EncryptedXml(document)
    {
        public override byte[]? DecryptEncryptedKey(EncryptedKey encryptedKey)
        {
            if (encryptedKey.CipherData.CipherValue is not { } value)
            {
                return base.DecryptEncryptedKey(encryptedKey);
            }

            using var rsa = certificate.GetRSAPrivateKey()
                ?? throw new CryptographicException("The key-encryption certificate has no RSA private key.");
            var oaep = encryptedKey.EncryptionMethod?.KeyAlgorithm == XmlEncRSAOAEPUrl;
            return DecryptKey(value, rsa, oaep);
        }
    }
}
