using System.Security.Cryptography;
using Hop.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace Hop.Accounts;

/// <summary>
/// The JWT signing key: 512 random bits made once and kept in the database (<c>jwt.signing-key</c>), so
/// tokens survive restarts and every instance accepts every other instance's tokens.
/// </summary>
internal sealed class JwtSigningKeys(IServiceScopeFactory scopes)
{
    public const string SettingKey = "jwt.signing-key";
    private SymmetricSecurityKey? _key;

    public SymmetricSecurityKey? Current => Volatile.Read(ref _key);

    public async ValueTask<SymmetricSecurityKey> GetAsync(CancellationToken ct)
    {
        if (Current is { } key)
        {
            return key;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HopDbContext>();
        var bytes = await LoadOrCreateAsync(db, ct);
        key = new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexString(SHA256.HashData(bytes))[..16] };
        Volatile.Write(ref _key, key);
        return key;
    }

    private static async Task<byte[]> LoadOrCreateAsync(HopDbContext db, CancellationToken ct)
    {
        var stored = await db.AppSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == SettingKey, ct);
        if (stored is null)
        {
            db.AppSettings.Add(new AppSetting { Key = SettingKey, Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)) });
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
        }

        return Convert.FromBase64String(stored.Value);
    }
}
