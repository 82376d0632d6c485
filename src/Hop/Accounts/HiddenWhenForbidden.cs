namespace Hop.Accounts;

/// <summary>Endpoint metadata: a caller who may not use the endpoint gets 404, as if it did not exist.</summary>
internal sealed class HiddenWhenForbidden
{
    public static readonly HiddenWhenForbidden Instance = new();
}
