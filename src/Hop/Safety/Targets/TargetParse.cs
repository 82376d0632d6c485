namespace Hop.Safety.Targets;

/// <summary>What <see cref="TargetUrl.Parse"/> read: the normalized URL and its host, or why it refused.</summary>
internal sealed record TargetParse(TargetProblem Problem, string Reason, string Url, TargetHost? Host)
{
    public bool Accepted => Problem == TargetProblem.None;

    public static TargetParse Refused(TargetProblem problem, string reason) => new(problem, reason, "", null);
}
