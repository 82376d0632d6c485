using System.ComponentModel.DataAnnotations;

namespace Hop.Security;

/// <summary>Response headers and the encryption of keys at rest: <c>Security:*</c>.</summary>
internal sealed class SecurityOptions : IValidatableObject
{
    public const string Section = "Security";

    /// <summary>
    /// A PFX or PEM file holding an RSA certificate and its private key. When set, the data-protection
    /// keys and the JWT signing key are stored encrypted with it; when not, they are stored as they are.
    /// </summary>
    public string? KeyEncryptionCertificate { get; set; }

    /// <summary>The PFX's password, or the PEM private key's when it is encrypted.</summary>
    public string? KeyEncryptionCertificatePassword { get; set; }

    /// <summary>How long a browser keeps to HTTPS after an HTTPS answer (HSTS); zero sends no header.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Whether HSTS also covers every subdomain of the host; off, since those may be other sites.</summary>
    public bool HstsIncludeSubdomains { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HstsMaxAge < TimeSpan.Zero)
        {
            yield return new ValidationResult("Security:HstsMaxAge must not be negative (e.g. 365.00:00:00).", [nameof(HstsMaxAge)]);
        }

        if (!string.IsNullOrEmpty(KeyEncryptionCertificate)
            && KeyEncryptionCertificates.Load(KeyEncryptionCertificate, KeyEncryptionCertificatePassword).Error is { } error)
        {
            yield return new ValidationResult($"Security:KeyEncryptionCertificate {error}", [nameof(KeyEncryptionCertificate)]);
        }
    }
}
