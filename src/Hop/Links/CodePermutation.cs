using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Hop.Links;

/// <summary>
/// A keyed bijection of [0, 62^7) onto itself, so sequential ids become codes that do not reveal
/// order or volume and never collide. A balanced Feistel network permutes 42-bit values; values that
/// land outside the code space are walked again until they fall inside it (cycle walking), which keeps
/// the map a bijection of the smaller range.
/// </summary>
internal sealed class CodePermutation
{
    private const int HalfBits = 21;
    private const ulong HalfMask = (1UL << HalfBits) - 1;
    private const int Rounds = 6;

    private readonly ulong[] _roundKeys = new ulong[Rounds];

    public CodePermutation(ReadOnlySpan<byte> key)
    {
        if (key.Length < 16)
        {
            throw new ArgumentException("The code key must be at least 128 bits.", nameof(key));
        }

        // Derive independent round keys so that any key length gives the same strength of mixing.
        Span<byte> material = stackalloc byte[Rounds * sizeof(ulong)];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, key, material, salt: [], info: "hop code permutation"u8);
        for (var i = 0; i < Rounds; i++)
        {
            _roundKeys[i] = BinaryPrimitives.ReadUInt64LittleEndian(material[(i * 8)..]);
        }
    }

    public long Permute(long value)
    {
        CheckRange(value);
        var x = (ulong)value;
        do
        {
            x = Forward(x);
        }
        while (x >= (ulong)ShortCode.Space);

        return (long)x;
    }

    public long Invert(long value)
    {
        CheckRange(value);
        var x = (ulong)value;
        do
        {
            x = Backward(x);
        }
        while (x >= (ulong)ShortCode.Space);

        return (long)x;
    }

    private ulong Forward(ulong x)
    {
        var left = x >> HalfBits;
        var right = x & HalfMask;
        for (var i = 0; i < Rounds; i++)
        {
            (left, right) = (right, left ^ Round(right, _roundKeys[i]));
        }

        return (left << HalfBits) | right;
    }

    private ulong Backward(ulong x)
    {
        var left = x >> HalfBits;
        var right = x & HalfMask;
        for (var i = Rounds - 1; i >= 0; i--)
        {
            (left, right) = (right ^ Round(left, _roundKeys[i]), left);
        }

        return (left << HalfBits) | right;
    }

    /// <summary>A keyed 64-bit mix (splitmix64 finalizer) cut to one half.</summary>
    private static ulong Round(ulong half, ulong key)
    {
        var z = half ^ key;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return z & HalfMask;
    }

    private static void CheckRange(long value)
    {
        if ((ulong)value >= (ulong)ShortCode.Space)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A code number must be in [0, 62^7).");
        }
    }
}
