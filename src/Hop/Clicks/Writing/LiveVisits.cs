namespace Hop.Clicks.Writing;

/// <summary>New visits of one link in one committed batch: one server-sent event.</summary>
internal sealed record LiveVisits
{
    public required DateTimeOffset CommittedAt { get; init; }
    public required long Total { get; init; }
    public required long Humans { get; init; }
    public required long Bots { get; init; }
    public required long Unfurlers { get; init; }
    public required long MailScanners { get; init; }
    public required long Prefetches { get; init; }
}
