using System.ComponentModel.DataAnnotations;

namespace Hop.Domains;

/// <summary>The domains: <c>Domains:*</c>.</summary>
internal sealed class DomainOptions : IValidatableObject
{
    public const string Section = "Domains";

    /// <summary>
    /// How often an instance checks the database's change counter for domains, so that a domain added
    /// anywhere is served everywhere within this time even without Redis; with Redis it arrives at once.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Domains:PollInterval must be between 00:00:00.1 and 01:00:00.", [nameof(PollInterval)]);
        }
    }
}
