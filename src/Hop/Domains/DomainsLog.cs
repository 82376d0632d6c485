namespace Hop.Domains;

internal static partial class DomainsLog
{
    [LoggerMessage(EventId = 740, Level = LogLevel.Information, Message = "Loaded {Count} domain(s)")]
    public static partial void Loaded(ILogger logger, int count);

    [LoggerMessage(EventId = 741, Level = LogLevel.Warning, Message = "Domains could not be synchronized: {Error}")]
    public static partial void SyncFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 742, Level = LogLevel.Information, Message = "The default domain's host is now {Host} (from Links:PublicBaseUrl)")]
    public static partial void DefaultHostSet(ILogger logger, string host);

    [LoggerMessage(EventId = 743, Level = LogLevel.Error, Message = "The default domain cannot take the host {Host} of Links:PublicBaseUrl: domain {Id} has it")]
    public static partial void DefaultHostTaken(ILogger logger, string host, long id);

    [LoggerMessage(EventId = 744, Level = LogLevel.Information, Message = "Domain {Host} (id {Id}) {Change}")]
    public static partial void Changed(ILogger logger, string host, long id, string change);
}
