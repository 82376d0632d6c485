namespace Hop.Accounts;

/// <summary>What <see cref="ApiKeys.CreateAsync"/> came to: the new key and its secret, or why not.</summary>
internal sealed record KeyCreation
{
    /// <summary>The key's secret, shown this once; null when no key was made.</summary>
    public string? Secret { get; init; }

    public ApiKey? Key { get; init; }

    /// <summary>Refused fields, by name.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>A scope the creator does not hold and so cannot grant.</summary>
    public string? ScopeNotHeld { get; init; }
}
