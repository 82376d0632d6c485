using System.Text;
using Hop.Safety.Targets;

namespace Hop.Tests.Safety;

/// <summary>Every line of LegitimateTargets.txt is accepted, normalized to its second column when it has one, and unchanged otherwise when it is ASCII.</summary>
public sealed class LegitimateTargetTests
{
    public static TheoryData<string, string?> Cases()
    {
        var data = new TheoryData<string, string?>();
        foreach (var (input, expected) in TargetCorpus.Read("LegitimateTargets.txt"))
        {
            data.Add(input, expected);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_accepted(string input, string? expected)
    {
        var result = HostileTargetTests.Policy.Check(input);
        Assert.True(result.Accepted, $"{result.Problem}: {result.Reason}");
        if (expected is not null || Ascii.IsValid(input))
        {
            Assert.Equal(expected ?? input, result.Url);
        }

        Assert.Equal(result.Host!.Name, TargetUrl.UriHost(new Uri(result.Url)));
        Assert.Null(result.Warning);
    }
}
