namespace Hop.Clicks.Stats;

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
