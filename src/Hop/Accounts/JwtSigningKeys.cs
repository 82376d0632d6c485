using System.Security.Cryptography;
using Hop.Data;
using Hop.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;

namespace Hop.Accounts;

/// <summary>
/// The JWT signing key: 512 random bits made once and kept in the database (<c>jwt.signing-key</c>), so
/// tokens survive restarts and every instance accepts every other instance's tokens; encrypted there when
/// a key-encryption certificate is configured (<see cref="KeyEncryption"/>).
/// </summary>
internal sealed class JwtSigningKeys(IServiceScopeFactory scopes, KeyEncryption encryption)
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
        var bytes = await InstallationSecrets.GetOrCreateAsync(db, SettingKey, 64, ct, encryption);
        key = new SymmetricSecurityKey(bytes) { KeyId = Convert.ToHexString(SHA256.HashData(bytes))[..16] };
        Volatile.Write(ref _key, key);
        return key;
    }
}
