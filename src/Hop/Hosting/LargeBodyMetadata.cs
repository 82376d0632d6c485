namespace Hop.Hosting;

/// <summary>
/// Marks an endpoint that takes bodies up to <see cref="ApiOptions.MaxBulkBodyBytes"/>: added with
/// <see cref="ErrorHandling.AcceptsLargeBody"/>, or as an attribute on a page (<c>@attribute [LargeBodyMetadata]</c>),
/// whose attributes become its endpoint's metadata.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class LargeBodyMetadata : Attribute
{
    public static readonly LargeBodyMetadata Instance = new();
}
