namespace Hop.Safety.Targets;

internal enum TargetHostKind
{
    Name,
    IPv4,
    IPv6,
}
