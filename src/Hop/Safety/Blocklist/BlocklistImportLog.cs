namespace Hop.Safety.Blocklist;

internal static partial class BlocklistImportLog
{
    [LoggerMessage(EventId = 850, Level = LogLevel.Information, Message = "Blocklist import {JobId} of {Name} ({Bytes} bytes) started by {UserId}")]
    public static partial void Started(ILogger logger, string jobId, string name, long bytes, long? userId);

    [LoggerMessage(EventId = 851, Level = LogLevel.Error, Message = "Blocklist import {JobId} of {Name} failed")]
    public static partial void Failed(ILogger logger, Exception exception, string jobId, string name);

    [LoggerMessage(EventId = 852, Level = LogLevel.Information, Message = "Blocklist import {JobId} of {Name} stopped: the app is shutting down")]
    public static partial void Stopped(ILogger logger, string jobId, string name);
}
