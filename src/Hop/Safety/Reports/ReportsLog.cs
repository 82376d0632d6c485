namespace Hop.Safety.Reports;

/// <summary>Abuse report events. Never the reporter's address or contact: ids, codes and hosts only.</summary>
internal static partial class ReportsLog
{
    [LoggerMessage(EventId = 720, Level = LogLevel.Information, Message = "Abuse report {ReportId} for link {Code}: {Reason}")]
    public static partial void Submitted(ILogger logger, long reportId, string code, string reason);

    [LoggerMessage(EventId = 721, Level = LogLevel.Warning, Message = "Link {Code} now shows an interstitial: {Reporters} visitors reported it")]
    public static partial void WarningSet(ILogger logger, string code, int reporters);

    [LoggerMessage(EventId = 722, Level = LogLevel.Information, Message = "Abuse report {ReportId}: {Action} by user {AdminId}; {Closed} report(s) of link {Code} closed")]
    public static partial void Actioned(ILogger logger, long reportId, string action, long adminId, int closed, string code);

    [LoggerMessage(EventId = 723, Level = LogLevel.Warning, Message = "Domain {Host} blocked from abuse report {ReportId} by user {AdminId}; {Disabled} link(s) disabled")]
    public static partial void DomainBlocked(ILogger logger, string host, long reportId, long adminId, int disabled);

    [LoggerMessage(EventId = 724, Level = LogLevel.Warning, Message = "User {OwnerId} disabled from abuse report {ReportId} by user {AdminId}; {Disabled} link(s) disabled")]
    public static partial void OwnerDisabled(ILogger logger, long ownerId, long reportId, long adminId, int disabled);
}
