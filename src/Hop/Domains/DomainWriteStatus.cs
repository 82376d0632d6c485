namespace Hop.Domains;

internal enum DomainWriteStatus
{
    Done,
    Invalid,
    NotFound,
    HostTaken,
    IsDefault,
    HasLinks,
}
