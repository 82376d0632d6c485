namespace Hop.Accounts;

internal static class Roles
{
    public const string Admin = "admin";
    public const string User = "user";
}
