namespace Hop.Safety.Targets;

internal static class TargetServices
{
    public static void AddTargetPolicy(this WebApplicationBuilder builder)
    {
    }
}
