using System.Net;

namespace Hop.Safety.Targets;

/// <summary>
/// A host as a browser reads it, in its canonical spelling: a lower-case punycode name without a trailing
/// dot, a dotted IPv4 address, or a compressed IPv6 address in brackets. <see cref="Unicode"/> is the name
/// as people read it (the same as <see cref="Name"/> for an ASCII name or an address).
/// </summary>
internal sealed record TargetHost(string Name, TargetHostKind Kind, IPAddress? Address, string Unicode);
