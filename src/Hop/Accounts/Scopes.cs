namespace Hop.Accounts;

internal static class Scopes
{
    public const string LinksRead = "links:read";
    public const string LinksWrite = "links:write";
    public const string StatsRead = "stats:read";
    public const string Admin = "admin";

    public static readonly string[] All = [LinksRead, LinksWrite, StatsRead, Admin];
}
