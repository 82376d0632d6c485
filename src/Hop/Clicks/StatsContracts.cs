namespace Hop.Clicks;

internal sealed record StatsTotals
{
    public required long Total { get; init; }
    public required long Humans { get; init; }
    public required long Bots { get; init; }
    public required long Unfurlers { get; init; }
    public required long MailScanners { get; init; }
    public required long Prefetches { get; init; }
    /// <summary>Distinct visitors per UTC day, summed over the days of the range (the salt rotates daily).</summary>
    public required long UniqueVisitors { get; init; }
}

internal sealed record StatsBucket
{
    /// <summary>Start of the bucket in the requested time zone.</summary>
    public required DateTimeOffset Start { get; init; }
    public required long Total { get; init; }
    public required long Humans { get; init; }
    public required long Bots { get; init; }
    public required long Unfurlers { get; init; }
    public required long MailScanners { get; init; }
    public required long Prefetches { get; init; }
}

internal sealed record StatsEntry(string Value, long Count);

internal sealed record StatsTop
{
    public required IReadOnlyList<StatsEntry> Referrers { get; init; }
    public required IReadOnlyList<StatsEntry> Browsers { get; init; }
    public required IReadOnlyList<StatsEntry> Os { get; init; }
    public required IReadOnlyList<StatsEntry> Devices { get; init; }
    public required IReadOnlyList<StatsEntry> Countries { get; init; }
}

internal sealed record LinkStatsResponse
{
    public required string Code { get; init; }
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public required string Granularity { get; init; }
    public required string TimeZone { get; init; }
    public required StatsTotals Totals { get; init; }
    public required IReadOnlyList<StatsBucket> Series { get; init; }
    public required StatsTop Top { get; init; }
}

internal sealed record TopLink(string Code, long Total);

internal sealed record StatsOverviewResponse
{
    public required int Links { get; init; }
    public required DateTimeOffset From { get; init; }
    public required DateTimeOffset To { get; init; }
    public required string Granularity { get; init; }
    public required string TimeZone { get; init; }
    public required StatsTotals Totals { get; init; }
    public required IReadOnlyList<StatsBucket> Series { get; init; }
    public required StatsTop Top { get; init; }
    public required IReadOnlyList<TopLink> TopLinks { get; init; }
}

/// <summary>The click pipeline's books: received = stored + duplicates-free drops + what is still queued.</summary>
internal sealed record ClickAccountingResponse
{
    public required string Transport { get; init; }
    /// <summary>Events this instance's redirects produced since it started.</summary>
    public required long Received { get; init; }
    /// <summary>Events this instance dropped (queue full, or unsent at shutdown) since it started.</summary>
    public required long Dropped { get; init; }
    /// <summary>Events this instance handed on: committed (in-process) or confirmed by the broker.</summary>
    public required long Sent { get; init; }
    /// <summary>Events waiting in this instance's queue or in the batch being sent.</summary>
    public required long QueueDepth { get; init; }
    /// <summary>Visits stored, over all instances and workers, ever.</summary>
    public required long Stored { get; init; }
    /// <summary>Redelivered events skipped because their id was already stored, ever.</summary>
    public required long Duplicates { get; init; }
}
