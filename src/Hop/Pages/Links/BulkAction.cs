namespace Hop.Pages.Links;

/// <summary>What the dashboard can do to many links at once.</summary>
internal enum BulkAction
{
    AddTag,
    RemoveTag,
    Disable,
    Enable,
    Delete,
}
