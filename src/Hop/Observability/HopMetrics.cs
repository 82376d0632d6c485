using System.Diagnostics.Metrics;

namespace Hop.Observability;

/// <summary>
/// Hop's own metrics (meter <c>Hop</c>), exported on <c>/metrics</c>. The hot path only increments
/// plain fields; the instruments are observable and read them when a scrape asks, so a request pays
/// one interlocked add per counter and no tag lookup. The meter and the counts are per process, like
/// the metrics pipeline itself, which listens to meters by name: several hosts in one process (the
/// integration tests) then see one set of instruments instead of duplicates that shadow each other.
/// </summary>
internal sealed class HopMetrics
{
    public const string MeterName = "Hop";

    /// <summary>The statuses a redirect request can end in; anything else is counted as "other".</summary>
    private static readonly int[] Statuses = [301, 302, 307, 308, 401, 404, 410];

    private static readonly long[] RedirectCounts = new long[Statuses.Length + 1];
    private static long _l1Hits;
    private static long _l1Misses;
    private static long _l2Hits;
    private static long _l2Misses;
    private static long _l2Errors;
    private static long _dbReads;
    private static long _clicksReceived;
    private static long _clicksStored;
    private static long _clicksDropped;
    private static readonly long[] ShedCounts = new long[Enum.GetValues<Hop.Hosting.LoadClass>().Length];
    private static readonly Meter Meter = CreateMeter();
    private static Func<long>? _queueDepth;
    private static Func<long>? _l1Entries;

    public HopMetrics()
    {
        // Creating the first instance publishes the process-wide instruments.
        _ = Meter;
    }

    private static Meter CreateMeter()
    {
        var meter = new Meter(MeterName);
        meter.CreateObservableCounter("hop.redirects", ObserveRedirects,
            description: "Requests to GET /{code}, by response status");
        meter.CreateObservableCounter("hop.cache.lookups", ObserveCache,
            description: "Link cache lookups, by level (l1, l2) and result (hit, miss, error)");
        meter.CreateObservableCounter("hop.db.link_reads", () => Volatile.Read(ref _dbReads),
            description: "Links read from the database after both cache levels missed");
        meter.CreateObservableGauge("hop.cache.l1.entries", () => _l1Entries?.Invoke() ?? 0,
            description: "Entries in the in-process link cache");
        meter.CreateObservableCounter("hop.clicks.received", () => Volatile.Read(ref _clicksReceived),
            description: "Click events accepted by the click queue");
        meter.CreateObservableCounter("hop.clicks.stored", () => Volatile.Read(ref _clicksStored),
            description: "Click events committed to the analytics database");
        meter.CreateObservableCounter("hop.clicks.dropped", () => Volatile.Read(ref _clicksDropped),
            description: "Click events dropped because a buffer was full");
        meter.CreateObservableCounter("hop.requests.shed", ObserveShed,
            description: "Requests answered 503 because the instance was at its concurrency limit, by class (redirect_miss, heavy, request)");
        meter.CreateObservableGauge("hop.clicks.queue.depth", () => _queueDepth?.Invoke() ?? 0,
            description: "Click events waiting to be stored");
        return meter;
    }

    public void Redirect(int status)
    {
        var slot = Array.IndexOf(Statuses, status);
        Interlocked.Increment(ref RedirectCounts[slot < 0 ? Statuses.Length : slot]);
    }

    public void Shed(Hop.Hosting.LoadClass loadClass) => Interlocked.Increment(ref ShedCounts[(int)loadClass]);

    private static IEnumerable<Measurement<long>> ObserveShed() =>
        Enum.GetValues<Hop.Hosting.LoadClass>().Select(c => new Measurement<long>(
            Volatile.Read(ref ShedCounts[(int)c]), new KeyValuePair<string, object?>("class", Hop.Hosting.LoadShedding.Name(c))));

    public void L1Hit() => Interlocked.Increment(ref _l1Hits);
    public void L1Miss() => Interlocked.Increment(ref _l1Misses);
    public void L2Hit() => Interlocked.Increment(ref _l2Hits);
    public void L2Miss() => Interlocked.Increment(ref _l2Misses);
    public void L2Error() => Interlocked.Increment(ref _l2Errors);
    public void DbRead() => Interlocked.Increment(ref _dbReads);

    public void ClickReceived() => Interlocked.Increment(ref _clicksReceived);
    public void ClicksStored(int count) => Interlocked.Add(ref _clicksStored, count);
    public void ClickDropped() => Interlocked.Increment(ref _clicksDropped);
    public void ClicksDropped(int count) => Interlocked.Add(ref _clicksDropped, count);

    /// <summary>Where the click queue's depth is read from at scrape time.</summary>
    public void ObserveQueueDepth(Func<long> depth) => _queueDepth = depth;

    public void ObserveL1Entries(Func<long> entries) => _l1Entries = entries;

    /// <summary>The link cache's lookups so far, for the admin status page.</summary>
    public CacheLookups CacheLookups => new(
        Volatile.Read(ref _l1Hits), Volatile.Read(ref _l1Misses), Volatile.Read(ref _l2Hits), Volatile.Read(ref _l2Misses),
        Volatile.Read(ref _l2Errors), Volatile.Read(ref _dbReads), _l1Entries?.Invoke() ?? 0);

    /// <summary>Redirect requests counted so far, all statuses; for tests and the benchmark.</summary>
    public long RedirectsTotal
    {
        get
        {
            long total = 0;
            for (var i = 0; i < RedirectCounts.Length; i++)
            {
                total += Volatile.Read(ref RedirectCounts[i]);
            }

            return total;
        }
    }

    private static IEnumerable<Measurement<long>> ObserveRedirects()
    {
        for (var i = 0; i < RedirectCounts.Length; i++)
        {
            var status = i < Statuses.Length ? Statuses[i].ToString(System.Globalization.CultureInfo.InvariantCulture) : "other";
            yield return new Measurement<long>(Volatile.Read(ref RedirectCounts[i]), new KeyValuePair<string, object?>("status", status));
        }
    }

    private static IEnumerable<Measurement<long>> ObserveCache()
    {
        yield return Lookup(ref _l1Hits, "l1", "hit");
        yield return Lookup(ref _l1Misses, "l1", "miss");
        yield return Lookup(ref _l2Hits, "l2", "hit");
        yield return Lookup(ref _l2Misses, "l2", "miss");
        yield return Lookup(ref _l2Errors, "l2", "error");
    }

    private static Measurement<long> Lookup(ref long field, string level, string result) =>
        new(Volatile.Read(ref field), new KeyValuePair<string, object?>("level", level), new KeyValuePair<string, object?>("result", result));
}
