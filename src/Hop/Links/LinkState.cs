namespace Hop.Links;

internal enum LinkState
{
    Active,
    Expired,
    Disabled,
    Deleted,
}
