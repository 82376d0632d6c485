using Hop.Safety.Reports;

namespace Hop.Pages.Admin;

/// <summary>How the abuse report pages name reasons, statuses and actions, and what each action will do.</summary>
internal static class AdminReportsText
{
    public static readonly (string Value, string Label)[] Filters =
    [
        (ReportStatus.Open, "Open"),
        (ReportStatus.Actioned, "Actioned"),
        (ReportStatus.Dismissed, "Dismissed"),
        ("all", "All"),
    ];

    public static string Reason(string reason) =>
        ReportReasons.Choices.FirstOrDefault(c => c.Value == reason).Label ?? reason;

    public static string Status(string status) => status switch
    {
        ReportStatus.Open => "Open",
        ReportStatus.Actioned => "Actioned",
        ReportStatus.Dismissed => "Dismissed",
        _ => status,
    };

    public static string StatusBadge(string status) => status switch
    {
        ReportStatus.Open => "warn",
        ReportStatus.Actioned => "danger",
        _ => "ok",
    };

    public static string Action(string action) => action switch
    {
        ReportActions.Dismiss => "Dismiss",
        ReportActions.DisableLink => "Disable link",
        ReportActions.BlockDomain => "Block domain",
        ReportActions.DisableOwner => "Disable owner",
        _ => action,
    };

    public static string Done(string action) => action switch
    {
        ReportActions.Dismiss => "Dismissed",
        ReportActions.DisableLink => "Disabled the link",
        ReportActions.BlockDomain => "Blocked the domain",
        ReportActions.DisableOwner => "Disabled the owner",
        _ => action,
    };

    /// <summary>The actions that apply to <paramref name="report"/>'s link (no owner: none to disable; no host: none to block).</summary>
    public static IEnumerable<string> ActionsFor(ReportResponse report) => ReportActions.All.Where(action => action switch
    {
        ReportActions.BlockDomain => report.Link.TargetHost.Length > 0,
        ReportActions.DisableOwner => report.Link.OwnerId is not null,
        _ => true,
    });

    /// <summary>What the confirmation says will happen.</summary>
    public static string Consequence(string action, ReportResponse report) => action switch
    {
        ReportActions.Dismiss => $"The report is closed without touching /{report.Link.Code}; so are the other open reports of the link.",
        ReportActions.DisableLink => $"/{report.Link.Code} stops redirecting and answers 410 Gone; only an administrator can enable it again.",
        ReportActions.BlockDomain => $"{report.Link.TargetHost} and its subdomains go on the blocklist: every link to them is disabled and none can be created.",
        ReportActions.DisableOwner => $"The account {report.Link.OwnerUsername ?? "#" + report.Link.OwnerId} is disabled (its keys and sessions stop working) and all its links stop redirecting.",
        _ => "",
    };

    public static bool IsDestructive(string action) => action != ReportActions.Dismiss;
}
