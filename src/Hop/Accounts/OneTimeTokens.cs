using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Hop.Accounts;

/// <summary>Random bearer secrets (invites, refresh tokens): 256 bits from a CSPRNG, kept only as SHA-256.</summary>
internal static class OneTimeTokens
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
