using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Hop.Safety.Targets;

/// <summary>
/// Whether an IP address is one anybody on the internet can reach, and if not what it is. IPv4: the
/// IANA special-purpose ranges. IPv6: only global unicast (2000::/3) is public, less its special ranges;
/// 6to4 and Teredo addresses are judged by the IPv4 addresses they carry. Cloud metadata addresses are
/// named apart, even where a range would refuse them anyway, so the reason says what they are.
/// </summary>
internal static class PublicAddresses
{
    private const string MetadataReason = "must not point to a cloud metadata service";

    private static readonly (uint Network, int Prefix, string What)[] V4Metadata =
    [
        (0xA9FEA9FE, 32, "169.254.169.254"),
        (0xA9FEAA02, 32, "169.254.170.2, container metadata"),
        (0x646464C8, 32, "100.100.100.200, Alibaba Cloud"),
        (0xA83F8110, 32, "168.63.129.16, Azure"),
    ];

    private static readonly (uint Network, int Prefix, string What)[] V4Refused =
    [
        (0x00000000, 8, "the 'this network' range 0.0.0.0/8"),
        (0x0A000000, 8, "the private range 10.0.0.0/8"),
        (0x64400000, 10, "the carrier-grade NAT range 100.64.0.0/10"),
        (0x7F000000, 8, "the loopback range 127.0.0.0/8"),
        (0xA9FE0000, 16, "the link-local range 169.254.0.0/16"),
        (0xAC100000, 12, "the private range 172.16.0.0/12"),
        (0xC0000000, 24, "the IETF protocol range 192.0.0.0/24"),
        (0xC0000200, 24, "the documentation range 192.0.2.0/24"),
        (0xC0586300, 24, "the deprecated 6to4 relay range 192.88.99.0/24"),
        (0xC0A80000, 16, "the private range 192.168.0.0/16"),
        (0xC6120000, 15, "the benchmarking range 198.18.0.0/15"),
        (0xC6336400, 24, "the documentation range 198.51.100.0/24"),
        (0xCB007100, 24, "the documentation range 203.0.113.0/24"),
        (0xE0000000, 4, "the multicast range 224.0.0.0/4"),
        (0xFFFFFFFF, 32, "the broadcast address 255.255.255.255"),
        (0xF0000000, 4, "the reserved range 240.0.0.0/4"),
    ];

    private static readonly (UInt128 Network, int Prefix, string What)[] V6Metadata =
    [
        (V6(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254), 128, "fd00:ec2::254, AWS"),
    ];

    private static readonly (UInt128 Network, int Prefix, string What)[] V6Refused =
    [
        (V6(0, 0, 0, 0, 0, 0, 0, 0), 128, "the unspecified address ::"),
        (V6(0, 0, 0, 0, 0, 0, 0, 1), 128, "the loopback address ::1"),
        (V6(0, 0, 0, 0, 0, 0xffff, 0, 0), 96, "an IPv4-mapped address (::ffff:0:0/96)"),
        (V6(0, 0, 0, 0, 0, 0, 0, 0), 96, "an IPv4-compatible address (::/96)"),
        (V6(0x0064, 0xff9b, 0, 0, 0, 0, 0, 0), 96, "the NAT64 range 64:ff9b::/96"),
        (V6(0x0064, 0xff9b, 1, 0, 0, 0, 0, 0), 48, "the local NAT64 range 64:ff9b:1::/48"),
        (V6(0x0100, 0, 0, 0, 0, 0, 0, 0), 64, "the discard range 100::/64"),
        (V6(0x2001, 0x0db8, 0, 0, 0, 0, 0, 0), 32, "the documentation range 2001:db8::/32"),
        (V6(0x3fff, 0, 0, 0, 0, 0, 0, 0), 20, "the documentation range 3fff::/20"),
        (V6(0x2001, 0x0002, 0, 0, 0, 0, 0, 0), 48, "the benchmarking range 2001:2::/48"),
        (V6(0x2001, 0x0010, 0, 0, 0, 0, 0, 0), 28, "the ORCHID range 2001:10::/28"),
        (V6(0x2001, 0x0020, 0, 0, 0, 0, 0, 0), 28, "the ORCHIDv2 range 2001:20::/28"),
        (V6(0xfc00, 0, 0, 0, 0, 0, 0, 0), 7, "the unique-local range fc00::/7"),
        (V6(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10, "the link-local range fe80::/10"),
        (V6(0xfec0, 0, 0, 0, 0, 0, 0, 0), 10, "the site-local range fec0::/10"),
        (V6(0xff00, 0, 0, 0, 0, 0, 0, 0), 8, "the multicast range ff00::/8"),
    ];

    private static readonly UInt128 Mapped = V6(0, 0, 0, 0, 0, 0xffff, 0, 0);
    private static readonly UInt128 Nat64 = V6(0x0064, 0xff9b, 0, 0, 0, 0, 0, 0);
    private static readonly UInt128 GlobalUnicast = V6(0x2000, 0, 0, 0, 0, 0, 0, 0);
    private static readonly UInt128 SixToFour = V6(0x2002, 0, 0, 0, 0, 0, 0, 0);
    private static readonly UInt128 Teredo = V6(0x2001, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Null for a public address; else the category and a reason that completes "url …".</summary>
    public static (TargetProblem Problem, string Reason)? Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> bytes = stackalloc byte[4];
            address.TryWriteBytes(bytes, out _);
            return ClassifyV4(BinaryPrimitives.ReadUInt32BigEndian(bytes));
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            return ClassifyV6(BinaryPrimitives.ReadUInt128BigEndian(bytes));
        }

        return (TargetProblem.NonPublicAddress, "must not point to an address that is neither IPv4 nor IPv6.");
    }

    public static (TargetProblem Problem, string Reason)? ClassifyV4(uint address)
    {
        foreach (var (network, prefix, what) in V4Metadata)
        {
            if (InV4(address, network, prefix))
            {
                return (TargetProblem.Metadata, $"{MetadataReason} ({what}).");
            }
        }

        foreach (var (network, prefix, what) in V4Refused)
        {
            if (InV4(address, network, prefix))
            {
                return (TargetProblem.NonPublicAddress, $"must not point to a non-public address ({what}).");
            }
        }

        return null;
    }

    public static (TargetProblem Problem, string Reason)? ClassifyV6(UInt128 address)
    {
        foreach (var (network, prefix, what) in V6Metadata)
        {
            if (InV6(address, network, prefix))
            {
                return (TargetProblem.Metadata, $"{MetadataReason} ({what}).");
            }
        }

        // The forms that carry an IPv4 address in their last 32 bits name it when it is refused itself.
        if (address > UInt128.One && (InV6(address, Mapped, 96) || InV6(address, UInt128.Zero, 96) || InV6(address, Nat64, 96))
            && Embedded(ClassifyV4((uint)address), "IPv4-mapped, IPv4-compatible or NAT64") is { } embedded)
        {
            return embedded;
        }

        foreach (var (network, prefix, what) in V6Refused)
        {
            if (InV6(address, network, prefix))
            {
                return (TargetProblem.NonPublicAddress, $"must not point to a non-public address ({what}).");
            }
        }

        if (!InV6(address, GlobalUnicast, 3))
        {
            return (TargetProblem.NonPublicAddress, "must not point to a non-public address (outside global unicast 2000::/3).");
        }

        // 6to4 carries its IPv4 address in bits 16-47; Teredo its server in 32-63 and its client, inverted, in 96-127.
        if (InV6(address, SixToFour, 16))
        {
            return Embedded(ClassifyV4((uint)(address >> 80)), "6to4");
        }

        if (InV6(address, Teredo, 32))
        {
            return Embedded(ClassifyV4((uint)(address >> 64)), "Teredo")
                ?? Embedded(ClassifyV4(~(uint)address), "Teredo");
        }

        return null;
    }

    private static (TargetProblem, string)? Embedded((TargetProblem Problem, string Reason)? inner, string form) =>
        inner is { } refused ? (refused.Problem, $"{refused.Reason[..^2]}, inside an address of the {form} form).") : null;

    private static bool InV4(uint address, uint network, int prefix) =>
        prefix == 0 || (address ^ network) >> (32 - prefix) == 0;

    private static bool InV6(UInt128 address, UInt128 network, int prefix) =>
        prefix == 0 || (address ^ network) >> (128 - prefix) == UInt128.Zero;

    private static UInt128 V6(ushort a, ushort b, ushort c, ushort d, ushort e, ushort f, ushort g, ushort h) =>
        new(((ulong)a << 48) | ((ulong)b << 32) | ((ulong)c << 16) | d, ((ulong)e << 48) | ((ulong)f << 32) | ((ulong)g << 16) | h);
}
