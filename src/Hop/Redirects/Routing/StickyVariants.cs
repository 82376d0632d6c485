using System.Buffers.Binary;
using System.IO.Hashing;
using System.Net;
using System.Runtime.InteropServices;
using Hop.Data;

namespace Hop.Redirects.Routing;

/// <summary>
/// Which A/B bucket (0 to 99) a visitor falls in for a link: a keyed hash of the inputs of the analytics'
/// visitor key (client IP and user agent) and the link. The key is a secret of the installation, not the
/// daily salt, so a visitor keeps their variant across days and instances, without a cookie.
/// </summary>
internal sealed class StickyVariants
{
    public const string SettingKey = "routing.variant-key";
    private const int KeySize = 32;

    private readonly IServiceScopeFactory? _scopes;
    private byte[]? _key;

    public StickyVariants(IServiceScopeFactory scopes)
    {
        _scopes = scopes;
    }

    /// <summary>With a key of its own, for benchmarks and tests that run without a database.</summary>
    internal StickyVariants(byte[] key)
    {
        _key = key;
    }

    /// <summary>True once the key is loaded; until then <see cref="LoadAsync"/> must run first.</summary>
    public bool Ready => _key is not null;

    public async Task LoadAsync(CancellationToken ct)
    {
        if (_key is null && _scopes is not null)
        {
            await using var scope = _scopes.CreateAsyncScope();
            _key = await InstallationSecrets.GetOrCreateAsync(scope.ServiceProvider.GetRequiredService<HopDbContext>(), SettingKey, KeySize, ct);
        }
    }

    /// <summary>The visitor's bucket; needs <see cref="Ready"/>. Allocates nothing.</summary>
    public int BucketOf(long linkId, IPAddress? clientIp, string? userAgent)
    {
        Span<byte> input = stackalloc byte[KeySize + sizeof(long) + 16 + sizeof(ulong)];
        _key.AsSpan(0, KeySize).CopyTo(input);
        BinaryPrimitives.WriteInt64LittleEndian(input[KeySize..], linkId);
        var address = input.Slice(KeySize + sizeof(long), 16);
        if (clientIp is null || !clientIp.TryWriteBytes(address, out _))
        {
            address.Clear();
        }

        var agent = XxHash3.HashToUInt64(MemoryMarshal.AsBytes((userAgent ?? "").AsSpan()));
        BinaryPrimitives.WriteUInt64LittleEndian(input[(KeySize + sizeof(long) + 16)..], agent);
        return (int)(XxHash3.HashToUInt64(input) % 100);
    }
}
