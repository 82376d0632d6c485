using System.Globalization;

namespace Hop.Cli;

/// <summary>
/// <c>hop capacity</c>'s back-of-the-envelope plan: from links created a month, reads a link and years
/// kept, the average and peak requests per second, what the links, raw visits and counters take on
/// disk, the memory of the hot set, and how many instances, database writes and broker messages that
/// means. The per-item sizes are this repository's measurements (README, "Benchmarks"); the rest are
/// assumptions the plan prints beside its figures.
/// </summary>
internal sealed record CapacityPlan
{
    public const double SecondsPerMonth = 30.44 * 86_400;

    /// <summary>A link row with its indexes, measured on SQLite with 200,000 seeded links whose targets
    /// average 29 characters: 263 bytes, so 234 plus the target.</summary>
    public const int LinkBytesBesidesTarget = 234;

    /// <summary>Database growth per stored visit with raw visits on, counters included, at the maximum
    /// cache-hot rate over 100,000 links (bench/redirect.sh hot): 137 B on SQLite, 126 B on PostgreSQL.</summary>
    public const int MeasuredBytesPerVisit = 137;

    /// <summary>The rows one link adds for an hour it is read in (its hourly counts and one profile
    /// combination), kept when raw visits are pruned: an estimate from the row sizes.</summary>
    public const int CounterBytesPerLinkHour = 150;

    /// <summary>One in-process cache entry (key, link, eviction node) with a 100-character target: an
    /// estimate from the object sizes, not a measurement.</summary>
    public const int CacheEntryBytes = 400;

    /// <summary>One click event in a batch message on the broker: an estimate.</summary>
    public const int BrokerBytesPerClick = 200;

    /// <summary>Events per batch (Clicks:BatchSize's default); an instance publishes at least one batch
    /// a second (Clicks:FlushInterval) while it has clicks.</summary>
    public const int ClicksPerBatch = 50_000;

    public required long LinksPerMonth { get; init; }
    public required long ReadsPerLink { get; init; }
    public required int Years { get; init; }

    /// <summary>Cache-hot redirects per second one instance serves (default: this README's PostgreSQL
    /// hot run with clicks on, on 2 cores).</summary>
    public double MeasuredRps { get; init; } = 38_697;

    public double PeakFactor { get; init; } = 10;
    public int TargetLength { get; init; } = 100;
    public int RetentionDays { get; init; } = 90;
    public int HoursReadPerLink { get; init; } = 24;

    /// <summary>Instances run at no more than this share of the measured maximum at the peak.</summary>
    public double Headroom { get; init; } = 0.5;

    public double AverageWritesPerSecond => LinksPerMonth / SecondsPerMonth;
    public double AverageReadsPerSecond => LinksPerMonth * (double)ReadsPerLink / SecondsPerMonth;
    public double PeakReadsPerSecond => AverageReadsPerSecond * PeakFactor;
    public double PeakWritesPerSecond => AverageWritesPerSecond * PeakFactor;

    public double TotalLinks => LinksPerMonth * 12.0 * Years;
    public double LinkBytes => TotalLinks * (LinkBytesBesidesTarget + TargetLength);

    /// <summary>Raw visits are kept for <see cref="RetentionDays"/>: a month's reads times the months kept.</summary>
    public double RawVisitBytes => LinksPerMonth * (double)ReadsPerLink * (RetentionDays * 86_400 / SecondsPerMonth) * MeasuredBytesPerVisit;

    public double CounterBytes => TotalLinks * HoursReadPerLink * CounterBytesPerLinkHour;

    /// <summary>The hot set: the links of the last month, which take most reads.</summary>
    public double HotLinks => LinksPerMonth;
    public double HotSetBytes => HotLinks * CacheEntryBytes;

    public int Instances => Math.Max(1, (int)Math.Ceiling(PeakReadsPerSecond / (MeasuredRps * Headroom)));

    /// <summary>Counter rows written per second at the peak when each click is alone in its link's hour
    /// (the worst case; clicks on the same link and hour share one row).</summary>
    public double PeakCounterRowsPerSecond => PeakReadsPerSecond * 2;

    public double PeakBrokerBytesPerSecond => PeakReadsPerSecond * BrokerBytesPerClick;

    public double PeakBrokerMessagesPerSecond => Instances * Math.Max(1, Math.Ceiling(PeakReadsPerSecond / Instances / ClicksPerBatch));

    /// <summary>The plan as the command prints it.</summary>
    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        return string.Join('\n',
            $"Load: {LinksPerMonth.ToString("N0", c)} new links a month, {ReadsPerLink.ToString("N0", c)} reads each, kept {Years} year(s)",
            $"  requests/s:  links created {Rate(AverageWritesPerSecond)} average, {Rate(PeakWritesPerSecond)} peak; redirects {Rate(AverageReadsPerSecond)} average, {Rate(PeakReadsPerSecond)} peak ({PeakFactor.ToString("0.#", c)}x the average)",
            $"Storage after {Years} year(s):",
            $"  links:       {TotalLinks.ToString("N0", c)} links x {LinkBytesBesidesTarget + TargetLength} B (targets of {TargetLength} characters) = {Size(LinkBytes)}",
            $"  raw visits:  {RetentionDays} days kept x {Size(LinksPerMonth * (double)ReadsPerLink * MeasuredBytesPerVisit)} a month at {MeasuredBytesPerVisit} B a visit (measured) = {Size(RawVisitBytes)} (none with Clicks:RawVisits=Off)",
            $"  counters:    {HoursReadPerLink} hours read per link x {CounterBytesPerLinkHour} B (estimate) = {Size(CounterBytes)}, kept for good",
            $"  total:       {Size(LinkBytes + RawVisitBytes + CounterBytes)}, before replicas (x2 with the synchronous standby)",
            $"Cache: the last month's links, {HotLinks.ToString("N0", c)} entries x ~{CacheEntryBytes} B (estimate) = {Size(HotSetBytes)};",
            $"  split across instances by nginx's consistent hash: Cache:MaxEntries about {Math.Ceiling(HotLinks / Instances).ToString("N0", c)} each, or Redis (L2) for what they cannot hold",
            $"Instances: {Instances} x hop serve for {Rate(PeakReadsPerSecond)} redirects/s at the peak, at {Headroom.ToString("0%", c)} of {Rate(MeasuredRps)} req/s each (measured; --measured-rps)",
            $"Database: {Rate(PeakWritesPerSecond)} link inserts/s and up to {Rate(PeakCounterRowsPerSecond)} counter rows/s at the peak (fewer as clicks share a link and hour), from batches of up to 50,000 clicks",
            $"Broker: up to {Rate(PeakReadsPerSecond)} clicks/s in about {Rate(PeakBrokerMessagesPerSecond)} persistent messages/s, {Size(PeakBrokerBytesPerSecond)}/s at ~{BrokerBytesPerClick} B a click (estimate), at the peak",
            "");
    }

    private static string Rate(double perSecond) =>
        perSecond >= 100 ? perSecond.ToString("N0", CultureInfo.InvariantCulture) : perSecond.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Decimal units: 1 GB = 10^9 bytes.</summary>
    public static string Size(double bytes)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB", "PB"];
        var unit = 0;
        while (bytes >= 1000 && unit < units.Length - 1)
        {
            bytes /= 1000;
            unit++;
        }

        return bytes.ToString(bytes >= 100 ? "0" : "0.#", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
