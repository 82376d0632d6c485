namespace Hop.Domains;

/// <summary>What a change to a domain came to: the domain, or why not (with the refused fields when invalid).</summary>
internal sealed record DomainWrite(DomainWriteStatus Status, Domain? Domain = null, IReadOnlyDictionary<string, string[]>? Errors = null);
