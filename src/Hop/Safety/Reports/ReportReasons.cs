namespace Hop.Safety.Reports;

/// <summary>The fixed list of reasons a visitor may give, with the label the form shows.</summary>
internal static class ReportReasons
{
    public static readonly (string Value, string Label)[] Choices =
    [
        ("phishing", "Phishing: it imitates a login or payment page"),
        ("malware", "Malware: it downloads or runs harmful software"),
        ("spam", "Spam"),
        ("scam", "Scam or fraud"),
        ("illegal-content", "Illegal content"),
        ("impersonation", "Impersonation of a person or organisation"),
        ("other", "Something else"),
    ];

    public static readonly string[] All = [.. Choices.Select(c => c.Value)];

    public static bool IsKnown(string? reason) => reason is not null && All.Contains(reason, StringComparer.Ordinal);
}
