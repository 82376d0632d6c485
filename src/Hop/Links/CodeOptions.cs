using System.ComponentModel.DataAnnotations;

namespace Hop.Links;

internal sealed class CodeOptions : IValidatableObject
{
    public const string Section = "Codes";

    /// <summary>Secret key of the code permutation (base64 or hex, at least 128 bits). When empty, a key
    /// is generated on first run and kept in the database, so each installation has its own.</summary>
    public string? Key { get; set; }

    /// <summary>How many ids an instance leases from the database at a time.</summary>
    [Range(1, 1_000_000)]
    public int BlockSize { get; set; } = 100;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Key) && CodeKeys.TryParse(Key) is null)
        {
            yield return new ValidationResult(
                "Codes:Key must be base64 or hex of at least 16 bytes.", [nameof(Key)]);
        }
    }
}
