using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Hop.Accounts;

/// <summary>
/// Passwords of users and of protected links, hashed with ASP.NET Core Identity's PBKDF2 format
/// (HMAC-SHA512, salted; iterations tunable with <c>Passwords:IterationCount</c>).
/// </summary>
internal sealed class PasswordHashing(IOptions<PasswordHasherOptions> options)
{
    private static readonly object Subject = new();
    private readonly PasswordHasher<object> _hasher = new(options);

    public string Hash(string password) => _hasher.HashPassword(Subject, password);

    /// <summary>True when it matches; <paramref name="rehash"/> is set when the stored hash is weaker than today's settings.</summary>
    public bool Verify(string hash, string password, out bool rehash)
    {
        var result = _hasher.VerifyHashedPassword(Subject, hash, password);
        rehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result != PasswordVerificationResult.Failed;
    }
}
