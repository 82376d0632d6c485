using System.Security.Cryptography;
using Hop.Data;
using Microsoft.EntityFrameworkCore;

namespace Hop.Links;

/// <summary>Finds the installation's code key: configured, stored in the database, or made on first run.</summary>
internal static class CodeKeys
{
    public const string SettingKey = "codes.key";

    public static byte[]? TryParse(string text)
    {
        byte[]? bytes = null;
        try
        {
            bytes = text.Length % 2 == 0 && text.All(char.IsAsciiHexDigit)
                ? Convert.FromHexString(text)
                : Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
        }

        return bytes is { Length: >= 16 } ? bytes : null;
    }

    public static async Task<byte[]> LoadOrCreateAsync(HopDbContext db, string? configured, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return TryParse(configured) ?? throw new InvalidOperationException("Codes:Key is not a valid key.");
        }

        return await InstallationSecrets.GetOrCreateAsync(db, SettingKey, 32, ct);
    }
}
