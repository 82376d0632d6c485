using System.Globalization;
using Hop.Clicks.Stats;

namespace Hop.Pages.Stats;

/// <summary>
/// What a stats page's GET form asks for, read from the query string so that a chart is a shareable
/// address: <c>range</c> (24h, 7d, 30d, 90d or custom), <c>granularity</c> (hour, day, week, month;
/// empty for the range's own), <c>tz</c> (an IANA zone, UTC when empty) and, for a custom range,
/// <c>from</c> and <c>to</c> (days, both included). The window itself is <see cref="StatsWindow"/>'s,
/// as the stats API makes it.
/// </summary>
internal sealed class StatsFilter
{
    public const string Custom = "custom";
    public const string DefaultRange = "7d";

    /// <summary>The ranges the form offers, with the grain each shows unless another is chosen.</summary>
    public static readonly IReadOnlyList<(string Value, string Label, TimeSpan Span, string Grain)> Ranges =
    [
        ("24h", "Last 24 hours", TimeSpan.FromHours(24), "hour"),
        ("7d", "Last 7 days", TimeSpan.FromDays(7), "day"),
        ("30d", "Last 30 days", TimeSpan.FromDays(30), "day"),
        ("90d", "Last 90 days", TimeSpan.FromDays(90), "week"),
        (Custom, "Custom (from – to)", TimeSpan.Zero, "day"),
    ];

    public static readonly IReadOnlyList<string> Grains = ["hour", "day", "week", "month"];

    /// <summary>How each field is named in an error summary.</summary>
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["range"] = "Range",
        ["granularity"] = "Granularity",
        ["tz"] = "Time zone",
        ["from"] = "From",
        ["to"] = "To",
    };

    private StatsFilter(string range, string granularity, string timeZone, string from, string to)
    {
        Range = range;
        Granularity = granularity;
        TimeZone = timeZone;
        From = from;
        To = to;
    }

    public string Range { get; }

    /// <summary>As chosen; empty for the range's own grain.</summary>
    public string Granularity { get; }

    public string TimeZone { get; }
    public string From { get; }
    public string To { get; }

    public bool IsCustom => Range == Custom;

    /// <summary>Whether the window ends now, so new visits belong in it (and the page updates live).</summary>
    public bool EndsNow => !IsCustom || To.Length == 0;

    /// <summary>The grain the window is cut into.</summary>
    public string Grain => Granularity.Length > 0 ? Granularity : Ranges.First(r => r.Value == Range).Grain;

    /// <summary>The filter's query string ("?range=7d&amp;tz=UTC"), for the address that renders it again.</summary>
    public string Query
    {
        get
        {
            var pairs = new List<string> { "range=" + Uri.EscapeDataString(Range) };
            if (Granularity.Length > 0)
            {
                pairs.Add("granularity=" + Uri.EscapeDataString(Granularity));
            }

            pairs.Add("tz=" + Uri.EscapeDataString(TimeZone));
            if (IsCustom)
            {
                pairs.Add("from=" + Uri.EscapeDataString(From));
                pairs.Add("to=" + Uri.EscapeDataString(To));
            }

            return "?" + string.Join('&', pairs);
        }
    }

    /// <summary>The filter a request's query string asks for; a from or to without a range means a custom range.</summary>
    public static StatsFilter Of(IQueryCollection query)
    {
        var from = Text(query, "from");
        var to = Text(query, "to");
        var range = Text(query, "range");
        if (range.Length == 0)
        {
            range = from.Length > 0 || to.Length > 0 ? Custom : DefaultRange;
        }

        var zone = Text(query, "tz");
        return new StatsFilter(range, Text(query, "granularity").ToLowerInvariant(), zone.Length > 0 ? zone : "UTC", from, to);
    }

    /// <summary>The window the filter describes at <paramref name="nowUtc"/>, or null with <paramref name="errors"/> saying why.</summary>
    public StatsWindow? Window(DateTime nowUtc, Dictionary<string, string[]> errors)
    {
        string? from = null;
        string? to = null;
        if (!Ranges.Any(r => r.Value == Range))
        {
            errors["range"] = ["Choose one of the ranges offered."];
            return null;
        }

        if (IsCustom)
        {
            if (From.Length == 0)
            {
                errors["from"] = ["A custom range needs its first day."];
                return null;
            }

            from = From;
            // The last day is included, so the window ends at the next midnight.
            to = DateOnly.TryParseExact(To, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last)
                ? last.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : To;
        }
        else
        {
            var span = Ranges.First(r => r.Value == Range).Span;
            from = (nowUtc - span).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        }

        return StatsWindow.TryCreate(from, to, Grain, TimeZone, nowUtc, errors);
    }

    private static string Text(IQueryCollection query, string name) => query[name].ToString().Trim();
}
