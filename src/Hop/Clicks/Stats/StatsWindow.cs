using System.Globalization;

namespace Hop.Clicks.Stats;

/// <summary>
/// The buckets of a stats request. Counters are kept per UTC hour, so an hour is the finest grain and
/// each hour falls in the bucket where it starts: in a zone with a half-hour offset
/// (Asia/Kolkata) "hour" buckets start at :30 local time, and the hour that straddles local midnight
/// counts for the day it starts in.
/// </summary>
internal sealed class StatsWindow
{
    public const int MaxBuckets = 2000;

    private StatsWindow(Granularity granularity, TimeZoneInfo zone, DateTime[] starts, DateTime end)
    {
        Granularity = granularity;
        Zone = zone;
        Starts = starts;
        ToUtc = end;
    }

    public Granularity Granularity { get; }
    public TimeZoneInfo Zone { get; }
    /// <summary>UTC start of each bucket, ascending.</summary>
    public DateTime[] Starts { get; }
    public DateTime FromUtc => Starts[0];
    public DateTime ToUtc { get; }

    public DateTimeOffset Local(DateTime utc) => TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), Zone);

    /// <summary>The bucket an hourly counter belongs to.</summary>
    public int IndexOf(DateTime hourUtc)
    {
        var index = Array.BinarySearch(Starts, hourUtc);
        return index >= 0 ? index : ~index - 1;
    }

    public static StatsWindow? TryCreate(
        string? from, string? to, string? granularity, string? tz, DateTime nowUtc, Dictionary<string, string[]> errors)
    {
        var zone = TimeZoneInfo.Utc;
        if (tz is { Length: > 0 } && !TimeZoneInfo.TryFindSystemTimeZoneById(tz, out zone))
        {
            errors["tz"] = ["tz must be an IANA time zone such as Europe/Berlin or America/New_York."];
            zone = TimeZoneInfo.Utc;
        }

        var grain = Granularity.Day;
        if (granularity is { Length: > 0 } && (!Enum.TryParse(granularity, ignoreCase: true, out grain)
                                               || !Enum.IsDefined(grain) || char.IsDigit(granularity[0])))
        {
            errors["granularity"] = ["granularity must be one of hour, day, week, month."];
        }

        var toUtc = ParseInstant(to, zone, "to", errors) ?? nowUtc;
        var fromUtc = ParseInstant(from, zone, "from", errors) ?? toUtc - DefaultSpan(grain);
        if (errors.Count > 0)
        {
            return null;
        }

        if (toUtc <= fromUtc)
        {
            errors["to"] = ["to must be after from."];
            return null;
        }

        var starts = new List<DateTime>();
        var start = Floor(fromUtc, grain, zone);
        while (start < toUtc)
        {
            if (starts.Count == MaxBuckets)
            {
                errors["from"] = [$"The range holds more than {MaxBuckets} {grain.ToString().ToLowerInvariant()} buckets; narrow it or choose a coarser granularity."];
                return null;
            }

            starts.Add(start);
            start = Next(start, grain, zone);
        }

        return new StatsWindow(grain, zone, [.. starts], start);
    }

    private static TimeSpan DefaultSpan(Granularity grain) => grain switch
    {
        Granularity.Hour => TimeSpan.FromDays(2),
        Granularity.Day => TimeSpan.FromDays(30),
        Granularity.Week => TimeSpan.FromDays(7 * 12),
        _ => TimeSpan.FromDays(365),
    };

    /// <summary>A date means local midnight in the zone; a time without offset is local; with an offset
    /// or Z it is that instant.</summary>
    private static DateTime? ParseInstant(string? text, TimeZoneInfo zone, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return LocalToUtc(date.ToDateTime(TimeOnly.MinValue), zone);
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return parsed.Kind == DateTimeKind.Unspecified
                ? LocalToUtc(parsed, zone)
                : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).UtcDateTime;
        }

        errors[field] = [$"{field} must be an ISO 8601 date or date-time, e.g. 2026-03-01 or 2026-03-01T09:00:00Z."];
        return null;
    }

    private static DateTime Floor(DateTime utc, Granularity grain, TimeZoneInfo zone)
    {
        if (grain == Granularity.Hour)
        {
            return new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, DateTimeKind.Utc);
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone).Date;
        local = grain switch
        {
            Granularity.Week => local.AddDays(-(((int)local.DayOfWeek + 6) % 7)),
            Granularity.Month => new DateTime(local.Year, local.Month, 1),
            _ => local,
        };
        return LocalToUtc(local, zone);
    }

    private static DateTime Next(DateTime startUtc, Granularity grain, TimeZoneInfo zone)
    {
        if (grain == Granularity.Hour)
        {
            return startUtc.AddHours(1);
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(startUtc, zone).Date;
        local = grain switch
        {
            Granularity.Week => local.AddDays(7),
            Granularity.Month => local.AddMonths(1),
            _ => local.AddDays(1),
        };
        return LocalToUtc(local, zone);
    }

    /// <summary>A local time that does not exist (skipped by a DST change) moves to the first one that does.</summary>
    private static DateTime LocalToUtc(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
