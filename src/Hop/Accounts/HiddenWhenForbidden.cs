namespace Hop.Accounts;

/// <summary>
/// Endpoint metadata: a caller who may not use the endpoint gets 404, as if it did not exist. On a page
/// component it is an attribute (<c>@attribute [HiddenWhenForbidden]</c>), which the endpoint's metadata carries.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class HiddenWhenForbidden : Attribute
{
    public static readonly HiddenWhenForbidden Instance = new();
}
