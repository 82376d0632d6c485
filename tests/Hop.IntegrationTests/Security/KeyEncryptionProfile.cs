using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Security;

/// <summary>The app with <c>Security:KeyEncryptionCertificate</c> set to <paramref name="certificate"/>, or unset when null, logging what it does with the keys.</summary>
public sealed class KeyEncryptionProfile(string? certificate, string? password = null) : HostProfile
{
    internal override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        // The keys' own messages, the encryption of plain ones among them.
        new("Logging:LogLevel:Hop.Security", "Information"),
        .. certificate is null ? [] : new KeyValuePair<string, string>[] { new("Security:KeyEncryptionCertificate", certificate) },
        .. password is null ? [] : new KeyValuePair<string, string>[] { new("Security:KeyEncryptionCertificatePassword", password) },
    ];
}
