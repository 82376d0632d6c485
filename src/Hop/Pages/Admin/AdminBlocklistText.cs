using System.Globalization;
using Hop.Safety.Blocklist;

namespace Hop.Pages.Admin;

/// <summary>How the blocklist pages put entries, actions and counts into words.</summary>
internal static class AdminBlocklistText
{
    public static readonly (string Value, string Label)[] Formats =
    [
        ("auto", "Detect per line"),
        ("domains", "Plain list of domains or URLs"),
        ("hosts", "Hosts file (0.0.0.0 evil.example)"),
        ("adblock", "Adblock rules (||evil.example^)"),
        ("urlhaus", "URLhaus CSV"),
    ];

    public static string Kind(BlocklistKind kind) => kind == BlocklistKind.Domain ? "Domain and subdomains" : "Exact URL";

    public static string Action(BlocklistAction action) => action == BlocklistAction.Block ? "Block" : "Review";

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset at) => Time(at.UtcDateTime);

    public static string Links(long count) => count == 1 ? "1 link" : $"{Number(count)} links";
}
