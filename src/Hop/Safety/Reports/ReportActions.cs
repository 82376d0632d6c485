namespace Hop.Safety.Reports;

/// <summary>What an administrator can do about a report.</summary>
internal static class ReportActions
{
    public const string Dismiss = "dismiss";
    public const string DisableLink = "disable-link";
    public const string BlockDomain = "block-domain";
    public const string DisableOwner = "disable-owner";

    public static readonly string[] All = [Dismiss, DisableLink, BlockDomain, DisableOwner];

    /// <summary>The <c>DisabledReason</c> of a link disabled from the queue; only an administrator can enable it again.</summary>
    public const string LinkDisabledReason = "disabled after an abuse report";

    /// <summary>The <c>DisabledReason</c> of the links of an owner disabled from the queue.</summary>
    public const string OwnerDisabledReason = "owner disabled after an abuse report";
}
