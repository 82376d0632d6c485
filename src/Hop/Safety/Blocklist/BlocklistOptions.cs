using System.ComponentModel.DataAnnotations;

namespace Hop.Safety.Blocklist;

/// <summary>The blocklist: <c>Blocklist:*</c>.</summary>
internal sealed class BlocklistOptions : IValidatableObject
{
    public const string Section = "Blocklist";

    /// <summary>
    /// How often an instance checks the database's change counter, so that instances converge on the
    /// same entries without Redis; with Redis a change arrives at once and this is the safety net.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PollInterval < TimeSpan.FromMilliseconds(100) || PollInterval > TimeSpan.FromHours(1))
        {
            yield return new ValidationResult("Blocklist:PollInterval must be between 00:00:00.1 and 01:00:00.", [nameof(PollInterval)]);
        }
    }
}
