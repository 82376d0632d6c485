namespace Hop.Clicks;

/// <summary>
/// The account of the account-wide counters (<see cref="AccountCount"/>, <see cref="AccountDimension"/>,
/// <see cref="AccountDimensionDay"/>, <see cref="AccountVisitorDay"/>): a user's id for the visits of the
/// links they own, or <see cref="AllLinks"/> for the visits of every link (what an admin's overview
/// shows). A visit counts once for its link's owner, if it has one, and once for <see cref="AllLinks"/>.
/// </summary>
internal static class StatsAccount
{
    public const long AllLinks = 0;
}
