using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;

namespace Hop.Data;

/// <summary>Random secrets every instance of one installation shares (the code key, the token signing key).</summary>
internal static class InstallationSecrets
{
    /// <summary>
    /// The secret stored under <paramref name="key"/>, or a new one of <paramref name="size"/> random
    /// bytes when there is none yet; when two instances make one at once, the first one stored wins.
    /// </summary>
    public static async Task<byte[]> GetOrCreateAsync(HopDbContext db, string key, int size, CancellationToken ct)
    {
        var stored = await db.AppSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, ct);
        if (stored is null)
        {
            db.AppSettings.Add(new AppSetting { Key = key, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(size)) });
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

        return Convert.FromBase64String(stored.Value);
    }
}
