namespace Hop.Hosting;

/// <summary>Marks an endpoint that takes bodies up to <see cref="ApiOptions.MaxBulkBodyBytes"/>.</summary>
internal sealed class LargeBodyMetadata
{
    public static readonly LargeBodyMetadata Instance = new();
}
