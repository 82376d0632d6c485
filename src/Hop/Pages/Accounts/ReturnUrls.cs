namespace Hop.Pages.Accounts;

/// <summary>Where a page may send a person after signing in: only a path on this site, never another host.</summary>
internal static class ReturnUrls
{
    public static string? Local(string? url) =>
        url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.StartsWith("/\\", StringComparison.Ordinal) && !url.Any(char.IsControl)
            ? url
            : null;
}
