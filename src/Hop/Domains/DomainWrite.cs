namespace Hop.Domains;

/// <summary>What a change to a domain came to: the domain, or why not (with the refused fields when invalid).</summary>
internal sealed record DomainWrite(DomainWriteStatus Status, Domain? Domain = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    /// <summary>Why a change that is not <see cref="DomainWriteStatus.Done"/> or <see cref="DomainWriteStatus.Invalid"/> was
    /// refused, in the words the API's problem and the admin page both use.</summary>
    public (int Status, string Title, string? Detail, string? Field) Refusal => Status switch
    {
        DomainWriteStatus.NotFound => (StatusCodes.Status404NotFound, "No such domain", null, null),
        DomainWriteStatus.HostTaken => (StatusCodes.Status409Conflict, "Host taken", $"host {Domain!.Host} is already a domain.", "host"),
        DomainWriteStatus.IsDefault => (StatusCodes.Status409Conflict, "Default domain",
            "The default domain cannot be removed: its host comes from Links:PublicBaseUrl.", null),
        _ => (StatusCodes.Status409Conflict, "Domain in use",
            $"Domain {Domain!.Host} has links or API keys limited to it; its codes stay taken, so it cannot be removed.", null),
    };
}
