namespace Hop.Domains;

/// <summary>Who may create links on a domain. Administrators always may; reading and editing follow link ownership.</summary>
internal enum DomainAccess
{
    /// <summary>Every signed-in user (and anonymous creation where it is allowed).</summary>
    Everyone = 0,

    /// <summary>Administrators only.</summary>
    Admins = 1,

    /// <summary>Administrators and the users listed on the domain.</summary>
    Users = 2,
}
