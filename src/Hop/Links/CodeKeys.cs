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

        var stored = await db.AppSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == SettingKey, ct);
        if (stored is not null)
        {
            return Convert.FromBase64String(stored.Value);
        }

        db.AppSettings.Add(new AppSetting
        {
            Key = SettingKey,
            Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another instance made the key first; use theirs.
            db.ChangeTracker.Clear();
        }

        stored = await db.AppSettings.AsNoTracking().FirstAsync(s => s.Key == SettingKey, ct);
        return Convert.FromBase64String(stored.Value);
    }
}
