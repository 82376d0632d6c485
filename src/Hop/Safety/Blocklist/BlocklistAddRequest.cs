namespace Hop.Safety.Blocklist;

/// <summary>One entry (<see cref="Value"/>) or several (<see cref="Values"/>) sharing an action and a reason.</summary>
internal sealed record BlocklistAddRequest
{
    /// <summary>A domain (blocks it and every subdomain) or an exact http(s) URL.</summary>
    public string? Value { get; init; }
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>"block" (the default) or "review".</summary>
    public string? Action { get; init; }
    public string? Reason { get; init; }
}
