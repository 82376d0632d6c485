namespace Hop.Hosting;

/// <summary>
/// Marks an endpoint that takes bodies up to <see cref="ApiOptions.MaxBulkBodyBytes"/>; as an attribute,
/// a page component whose form uploads a file (its attributes are its endpoint's metadata).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class LargeBodyMetadata : Attribute
{
    public static readonly LargeBodyMetadata Instance = new();
}
