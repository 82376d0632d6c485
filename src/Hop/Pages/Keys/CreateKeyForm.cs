namespace Hop.Pages.Keys;

/// <summary>The fields of the keys page's create form; the scopes' checkboxes are read from the form itself (repeated names).</summary>
internal sealed class CreateKeyForm
{
    public string? Name { get; set; }

    /// <summary>The host of the one domain the key works on; empty for every domain.</summary>
    public string? Domain { get; set; }

    /// <summary>never, 30, 90, 365 (days from now) or date (<see cref="ExpiresOn"/>).</summary>
    public string? Expiry { get; set; }

    public DateOnly? ExpiresOn { get; set; }
}
