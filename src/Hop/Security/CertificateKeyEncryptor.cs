using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Hop.Security;

/// <summary>
/// Encrypts each new data-protection key with the key-encryption certificate (XML encryption, as
/// ASP.NET Core's own certificate encryptor does) and names <see cref="CertificateKeyDecryptor"/> as the
/// way back, which takes the certificate from Hop's options rather than from a certificate store.
/// </summary>
internal sealed class CertificateKeyEncryptor(X509Certificate2 certificate, ILoggerFactory loggers) : IXmlEncryptor
{
    private readonly CertificateXmlEncryptor _inner = new(certificate, loggers);

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(_inner.Encrypt(plaintextElement).EncryptedElement, typeof(CertificateKeyDecryptor));
}
