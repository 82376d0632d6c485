using System.Collections.Frozen;

namespace Hop.Links;

/// <summary>What a custom alias may be: 3–64 of [A-Za-z0-9_-], and never a word the app owns.</summary>
internal static class AliasRules
{
    public const int MinLength = 3;
    public const int MaxLength = 64;

    /// <summary>Paths the app serves or may serve, and names people would mistake for them.</summary>
    private static readonly string[] ReservedWords =
    [
        "api", "admin", "administrator", "login", "logout", "signin", "signout", "signup", "register",
        "account", "accounts", "auth", "oauth", "static", "assets", "health", "healthz", "readyz",
        "livez", "metrics", "docs", "openapi", "swagger", ".well-known", "robots.txt", "favicon.ico",
        "sitemap.xml", "stats", "settings", "dashboard", "links", "keys", "users", "invite", "report",
        "abuse", "help", "about", "terms", "privacy", "security", "status", "www", "root", "support",
        "ui", "app", "new", "hop", "null", "undefined", "batch", "export", "import",
    ];

    private static readonly FrozenSet<string> FoldedReserved =
        ReservedWords.Select(Fold).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Returns why the alias is refused, or null when it may be used.</summary>
    public static string? Check(string alias)
    {
        if (alias.Length is < MinLength or > MaxLength)
        {
            return $"must be {MinLength} to {MaxLength} characters long.";
        }

        if (!ShortCode.IsWellFormed(alias))
        {
            return "may contain only letters A-Z and a-z, digits, '_' and '-'.";
        }

        return IsReserved(alias) ? "is reserved." : null;
    }

    public static bool IsReserved(string alias) => FoldedReserved.Contains(Fold(alias));

    /// <summary>
    /// Lower case, separators dropped and look-alike digits read as letters, so that "Admin",
    /// "ADM1N", "log-in" and "He4lthz" are all caught.
    /// </summary>
    internal static string Fold(string word) => string.Create(word.Length, word, static (span, source) =>
    {
        var length = 0;
        foreach (var c in source)
        {
            var folded = char.ToLowerInvariant(c) switch
            {
                '0' => 'o',
                '1' or 'i' or '!' or '|' => 'l',
                '3' => 'e',
                '4' or '@' => 'a',
                '5' or '$' => 's',
                '7' or '+' => 't',
                '8' => 'b',
                '9' => 'g',
                '-' or '_' or '.' => '\0',
                var other => other,
            };
            if (folded != '\0')
            {
                span[length++] = folded;
            }
        }

        span[length..].Fill('\0');
    }).TrimEnd('\0');
}
