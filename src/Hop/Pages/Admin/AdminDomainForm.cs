namespace Hop.Pages.Admin;

/// <summary>The domains page's add and edit form (the host only when adding), and the id for edit and remove.</summary>
internal sealed class AdminDomainForm
{
    public long Id { get; set; }

    public string? Host { get; set; }

    /// <summary>https or http: how short URLs on the domain start.</summary>
    public string? Scheme { get; set; }

    public string? RootRedirect { get; set; }

    public string? NotFoundRedirect { get; set; }

    /// <summary>everyone, admins or users.</summary>
    public string? Access { get; set; }

    /// <summary>Usernames, separated by commas or spaces, when access is users.</summary>
    public string? Users { get; set; }
}
