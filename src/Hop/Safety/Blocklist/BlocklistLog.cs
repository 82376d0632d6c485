namespace Hop.Safety.Blocklist;

internal static partial class BlocklistLog
{
    [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "Blocklist loaded: {Count} entries in {Milliseconds} ms")]
    public static partial void Loaded(ILogger logger, int count, long milliseconds);

    [LoggerMessage(EventId = 711, Level = LogLevel.Information, Message = "Blocklist entry {EntryId} ({Value}, {Action}) added by {UserId}; {Links} existing links acted on")]
    public static partial void Added(ILogger logger, long entryId, string value, BlocklistAction action, long? userId, int links);

    [LoggerMessage(EventId = 712, Level = LogLevel.Information, Message = "Blocklist entry {EntryId} ({Value}) removed; {Links} links restored")]
    public static partial void Removed(ILogger logger, long entryId, string value, int links);

    [LoggerMessage(EventId = 713, Level = LogLevel.Information, Message = "Blocklist import from {Source}: {Added} added, {Present} already present, {Invalid} invalid, {Junk} junk lines; {Links} existing links acted on")]
    public static partial void Imported(ILogger logger, string source, long added, long present, long invalid, long junk, int links);

    [LoggerMessage(EventId = 714, Level = LogLevel.Warning, Message = "Blocklist sync failed ({Error}); retrying on the next check")]
    public static partial void SyncFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 715, Level = LogLevel.Debug, Message = "Blocklist changed elsewhere: {Added} entries added, reloaded: {Reloaded}")]
    public static partial void Synced(ILogger logger, int added, bool reloaded);
}
