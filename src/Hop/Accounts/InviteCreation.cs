namespace Hop.Accounts;

/// <summary>What <see cref="UserAdministration.CreateInviteAsync"/> came to: the invite and its token (shown once), or why not.</summary>
internal sealed record InviteCreation
{
    public required UserChange Change { get; init; }

    /// <summary>The invite's secret, for its link; null when no invite was made.</summary>
    public string? Token { get; init; }

    public Invite? Invite { get; init; }
}
