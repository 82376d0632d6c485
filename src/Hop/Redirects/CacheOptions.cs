using System.ComponentModel.DataAnnotations;

namespace Hop.Redirects;

/// <summary>The link cache: <c>Cache:*</c>.</summary>
internal sealed class CacheOptions : IValidatableObject
{
    public const string Section = "Cache";

    /// <summary>Entries the in-process L1 holds (found and not-found codes alike).</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>StackExchange.Redis configuration string of the shared L2 and invalidation channel; none = L1 only.</summary>
    public string? Redis { get; set; }

    /// <summary>How long an L1 entry is trusted without an invalidation: the safety net, not the mechanism.</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an unknown code is remembered as unknown, so scans of random codes stay off the database.</summary>
    public TimeSpan NegativeTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a link stays in Redis without an invalidation.</summary>
    public TimeSpan RedisTtl { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxEntries < 16)
        {
            yield return new ValidationResult("Cache:MaxEntries must be at least 16.", [nameof(MaxEntries)]);
        }

        foreach (var (name, value) in new[] { (nameof(Ttl), Ttl), (nameof(NegativeTtl), NegativeTtl), (nameof(RedisTtl), RedisTtl) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"Cache:{name} must be a positive time span.", [name]);
            }
        }
    }
}
