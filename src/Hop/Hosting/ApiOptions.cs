using System.ComponentModel.DataAnnotations;

namespace Hop.Hosting;

internal sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest request body most endpoints accept.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest request body of endpoints that take many items at once (batch, import).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBulkBodyBytes { get; set; } = 32 * 1024 * 1024;
}
