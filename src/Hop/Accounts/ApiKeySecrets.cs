using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Hop.Accounts;

/// <summary>
/// API keys are <c>hop_</c> + 256 random bits in base64url. Only the SHA-256 of the whole key is kept;
/// its first <see cref="PrefixLength"/> characters are stored in the clear to find the row and to let
/// people tell their keys apart.
/// </summary>
internal static class ApiKeySecrets
{
    public const string Marker = "hop_";
    public const int PrefixLength = 12;
    private const int SecretBytes = 32;

    public static (string Key, string Prefix, byte[] Hash) Generate()
    {
        Span<byte> secret = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(secret);
        var key = Marker + Base64Url.EncodeToString(secret);
        return (key, key[..PrefixLength], Hash(key));
    }

    public static bool LooksLikeKey(ReadOnlySpan<char> text) =>
        text.StartsWith(Marker, StringComparison.Ordinal) && text.Length == Marker.Length + 43;

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool Matches(string key, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(key), storedHash);
}
