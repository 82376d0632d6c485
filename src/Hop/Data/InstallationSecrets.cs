using System.Security.Cryptography;
using Hop.Security;
using Microsoft.EntityFrameworkCore;

namespace Hop.Data;

/// <summary>Random secrets every instance of one installation shares (the code key, the token signing key).</summary>
internal static class InstallationSecrets
{
    /// <summary>
    /// The secret stored under <paramref name="key"/>, or a new one of <paramref name="size"/> random
    /// bytes when there is none yet; when two instances make one at once, the first one stored wins.
    /// With <paramref name="encryption"/> the secret is stored in its sealed form (<see cref="KeyEncryption.Seal"/>).
    /// </summary>
    public static async Task<byte[]> GetOrCreateAsync(
        HopDbContext db, string key, int size, CancellationToken ct, KeyEncryption? encryption = null)
    {
        var stored = await db.AppSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        if (stored is null)
        {
            var secret = RandomNumberGenerator.GetBytes(size);
            db.AppSettings.Add(new AppSetting { Key = key, Value = encryption?.Seal(secret) ?? Convert.ToBase64String(secret) });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Another instance made it first; use theirs.
                db.ChangeTracker.Clear();
            }

            stored = await db.AppSettings.AsNoTracking().FirstAsync(s => s.Key == key, ct);
        }

        if (encryption is null)
        {
            return Convert.FromBase64String(stored.Value);
        }

        var (bytes, error) = encryption.TryUnseal(stored.Value);
        return bytes ?? throw new InvalidOperationException($"The stored secret '{key}' cannot be read: {error}.");
    }
}
