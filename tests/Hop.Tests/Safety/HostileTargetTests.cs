using Hop.Safety;
using Hop.Safety.Targets;

namespace Hop.Tests.Safety;

/// <summary>
/// Every line of HostileTargets.txt is refused for the reason its line names, and the reason is text a
/// client can show. The policy runs with own hosts (the default domain from Links:PublicBaseUrl and two
/// more domains) and the default list of shorteners.
/// </summary>
public sealed class HostileTargetTests
{
    internal static readonly TargetPolicy Policy = TestTargets.Policy(domains: ["go.hop.example.net", "s.example.org"]);

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (verdict, input) in TargetCorpus.Read("HostileTargets.txt"))
        {
            data.Add(verdict, input ?? "");
        }

        return data;
    }

    [Fact]
    public void The_corpus_holds_at_least_250_cases_of_every_category()
    {
        var cases = TargetCorpus.Read("HostileTargets.txt").ToList();
        Assert.True(cases.Count >= 250, $"{cases.Count} cases");
        var categories = cases.Select(c => Enum.Parse<TargetProblem>(c.First)).ToHashSet();
        var expected = Enum.GetValues<TargetProblem>().Except([TargetProblem.None, TargetProblem.Blocked, TargetProblem.Resolution]);
        Assert.Empty(expected.Except(categories));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_refused_for_its_reason(string verdict, string input)
    {
        var result = Policy.Check(input);
        Assert.False(result.Accepted, $"accepted as {result.Url}");
        Assert.Equal((Enum.Parse<TargetProblem>(verdict), true), (result.Problem, result.Reason.Length > 0));
        Assert.True(result.Reason is ['m' or 'i' or 'h', ..] && result.Reason.EndsWith('.'), result.Reason);
        Assert.Null(TargetUrl.FirstForbidden(result.Reason.Replace(" ", "", StringComparison.Ordinal)));
    }
}
