using System.Security.Cryptography;
using System.Text;
using Hop.Data;

namespace Hop.Safety.Reports;

/// <summary>
/// Who reported, without keeping their address: an HMAC of the client IP with a secret of the
/// installation, so one reporter's reports share a key that cannot be turned back into the IP.
/// </summary>
internal sealed class ReporterKeys
{
    public const string SettingKey = "reports.reporter-key";
    private byte[]? _secret;

    public async ValueTask<string> KeyOfAsync(HopDbContext db, string clientIp, CancellationToken ct)
    {
        var secret = _secret ??= await InstallationSecrets.GetOrCreateAsync(db, SettingKey, 32, ct);
        return Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(clientIp)))[..32];
    }
}
