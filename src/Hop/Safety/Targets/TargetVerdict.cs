namespace Hop.Safety.Targets;

/// <summary>
/// What <see cref="TargetPolicy.Check"/> decided about a target: refused with a reason, or accepted as
/// <see cref="Url"/> (normalized) on <see cref="Host"/>, perhaps with a warning for its visitors.
/// </summary>
internal sealed record TargetVerdict
{
    public required TargetProblem Problem { get; init; }

    /// <summary>Why it is refused, to follow the field's name ("url must not …").</summary>
    public string Reason { get; init; } = "";

    public string Url { get; init; } = "";

    public TargetHost? Host { get; init; }

    /// <summary>Why visitors see a "you are leaving for …" page first (a look-alike name, a domain under review); null for none.</summary>
    public string? Warning { get; init; }

    /// <summary>The blocklist entry that put the domain under review, if one did.</summary>
    public long? ReviewEntry { get; init; }

    /// <summary>True when Safety:ResolveHosts asks for <see cref="TargetPolicy.ResolveAsync"/> before the target is used.</summary>
    public bool MustResolve { get; init; }

    public bool Accepted => Problem == TargetProblem.None;
}
