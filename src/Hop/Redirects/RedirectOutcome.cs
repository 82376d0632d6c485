namespace Hop.Redirects;

/// <summary>What a visitor of a short code gets; see <see cref="RedirectHandler.Decide"/>.</summary>
internal enum RedirectOutcome
{
    Redirect,
    NotFound,
    Expired,
    Disabled,
    Deleted,
}
