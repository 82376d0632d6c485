namespace Hop.Hosting;

/// <summary>Which of <see cref="LoadShedding"/>'s limits a request counts against.</summary>
internal enum LoadClass
{
    /// <summary>A redirect whose link is read from Redis or the database.</summary>
    RedirectMiss,

    /// <summary>Stats, exports and imports: endpoints marked with <see cref="HeavyRequest"/>.</summary>
    Heavy,

    /// <summary>Every other request but the live feeds (<see cref="LongLivedRequest"/>).</summary>
    Request,
}

/// <summary>Marks a stats, export or import endpoint: added with <c>.WithMetadata(HeavyRequest.Instance)</c>,
/// or as an attribute on a page (<c>@attribute [HeavyRequest]</c>), whose attributes become its endpoint's metadata.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class HeavyRequest : Attribute
{
    public static readonly HeavyRequest Instance = new();
}

/// <summary>Marks an endpoint that stays open (server-sent events): it holds no slot of the limits.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class LongLivedRequest : Attribute
{
    public static readonly LongLivedRequest Instance = new();
}
