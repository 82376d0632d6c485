using System.ComponentModel.DataAnnotations;

namespace Hop.Links;

internal sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>How long a stored response is replayed for a retried key; at least a day by default.</summary>
    [Range(1, 24 * 366)]
    public int RetentionHours { get; set; } = 24;
}
