using System.Collections.Frozen;
using System.Net.Mail;

namespace Hop.Accounts;

/// <summary>What usernames, emails and passwords may be. Each check returns why a value is refused, or null.</summary>
internal static class UserRules
{
    public const int MinUsernameLength = 3;
    public const int MaxUsernameLength = 32;
    public const int MaxEmailLength = 254;
    public const int MaxPasswordLength = 1024;

    /// <summary>Among the most used passwords in public breach corpora; refused whatever the length rule.</summary>
    private static readonly FrozenSet<string> CommonPasswords = new[]
    {
        "123456", "password", "12345678", "qwerty", "123456789", "12345", "1234", "111111", "1234567",
        "dragon", "123123", "baseball", "abc123", "football", "monkey", "letmein", "shadow", "master",
        "666666", "qwertyuiop", "123321", "mustang", "1234567890", "michael", "654321", "superman",
        "1qaz2wsx", "7777777", "121212", "000000", "qazwsx", "123qwe", "killer", "trustno1", "jordan",
        "jennifer", "zxcvbnm", "asdfgh", "hunter", "buster", "soccer", "harley", "batman", "andrew",
        "tigger", "sunshine", "iloveyou", "charlie", "robert", "thomas", "hockey", "ranger", "daniel",
        "starwars", "112233", "george", "computer", "michelle", "jessica", "pepper", "zxcvbn", "555555",
        "11111111", "131313", "freedom", "777777", "maggie", "159753", "aaaaaa", "ginger", "princess",
        "joshua", "cheese", "amanda", "summer", "ashley", "nicole", "chelsea", "matthew", "access",
        "yankees", "987654321", "dallas", "austin", "thunder", "taylor", "matrix", "password1",
        "welcome", "admin", "changeme", "passw0rd", "password123", "qwerty123", "1q2w3e4r", "1q2w3e4r5t",
        "123456789012", "1234567890123", "12345678910", "password1234", "password12345", "passwordpassword",
        "qwerty123456", "qwertyuiop123", "1q2w3e4r5t6y", "1qaz2wsx3edc", "zaq12wsxcde3", "qazwsxedcrfv",
        "111111111111", "123123123123", "123456123456", "000000000000", "abc123abc123", "abcdefghijkl",
        "iloveyou1234", "letmein12345", "welcome12345", "welcome123456", "changeme1234", "administrator",
        "trustno1trustno1", "football1234", "baseball1234", "superman1234", "sunshine1234", "princess1234",
        "asdfghjkl123", "qwertyuiopasdf", "correcthorsebatterystaple", "p@ssw0rd1234", "password!234",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Usernames are compared and stored lower-case, so "Ann" and "ann" are one account.</summary>
    public static string NormalizeUsername(string username) => username.Trim().ToLowerInvariant();

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static string? CheckUsername(string? username)
    {
        if (string.IsNullOrEmpty(username) || username.Length is < MinUsernameLength or > MaxUsernameLength)
        {
            return $"username must be {MinUsernameLength} to {MaxUsernameLength} characters long.";
        }

        return username.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-')
            ? null
            : "username may contain only a-z, 0-9, '_', '.' and '-'.";
    }

    public static string? CheckEmail(string? email)
    {
        if (string.IsNullOrEmpty(email) || email.Length > MaxEmailLength
            || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || parsed.DisplayName.Length > 0
            || !parsed.Host.Contains('.', StringComparison.Ordinal))
        {
            return "email must be a valid address such as ann@example.org.";
        }

        return null;
    }

    public static string? CheckPassword(string? password, int minLength, string? username)
    {
        if (string.IsNullOrEmpty(password) || password.Length < minLength)
        {
            return $"password must be at least {minLength} characters long.";
        }

        if (password.Length > MaxPasswordLength)
        {
            return $"password must be at most {MaxPasswordLength} characters long.";
        }

        if (CommonPasswords.Contains(password) || password.Distinct().Count() <= 2)
        {
            return "password is too common; choose another.";
        }

        return username is { Length: > 0 } && password.Contains(username, StringComparison.OrdinalIgnoreCase)
            ? "password must not contain the username."
            : null;
    }
}
