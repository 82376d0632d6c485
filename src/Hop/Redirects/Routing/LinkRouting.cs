using Hop.Links.Routing;
using Hop.Safety;

namespace Hop.Redirects.Routing;

/// <summary>
/// A link's rules, variants and preview compiled once per cache entry (<see cref="CachedLink.Routing"/>)
/// into what a redirect tests: rules with arrays and parsed networks, variants as cumulative weights.
/// </summary>
internal sealed class LinkRouting
{
    public static readonly LinkRouting None = new([], [], [], [], null);

    private LinkRouting(CompiledRule[] rules, string[] variantUrls, string[] variantHosts, int[] cumulativeWeights, LinkPreview? preview)
    {
        Rules = rules;
        VariantUrls = variantUrls;
        VariantHosts = variantHosts;
        CumulativeWeights = cumulativeWeights;
        Preview = preview;
        NeedsAgent = preview is not null || rules.Any(r => r.NeedsAgent);
    }

    public CompiledRule[] Rules { get; }

    public string[] VariantUrls { get; }

    /// <summary>The host of each of <see cref="VariantUrls"/>, for the blocklist check.</summary>
    public string[] VariantHosts { get; }

    /// <summary>The running sum of the variants' weights: variant i takes buckets below entry i (of 100).</summary>
    public int[] CumulativeWeights { get; }

    public LinkPreview? Preview { get; }

    /// <summary>True when a decision may classify the user agent (a preview, or a device, os or browser condition).</summary>
    public bool NeedsAgent { get; }

    public static LinkRouting Compile(IReadOnlyList<RedirectRule>? rules, IReadOnlyList<Variant>? variants, LinkPreview? preview)
    {
        if (rules is null && variants is null && preview is null)
        {
            return None;
        }

        var compiled = rules?.Select(CompiledRule.From).ToArray() ?? [];
        var urls = variants?.Select(v => v.Url ?? "").ToArray() ?? [];
        var cumulative = new int[urls.Length];
        for (int i = 0, sum = 0; i < urls.Length; i++)
        {
            cumulative[i] = sum += variants![i].Weight ?? 0;
        }

        return new LinkRouting(compiled, urls, [.. urls.Select(HostKeys.HostOf)], cumulative, preview);
    }

    /// <summary>The variant for a visitor's bucket (0 to 99).</summary>
    public int VariantOf(int bucket)
    {
        for (var i = 0; i < CumulativeWeights.Length; i++)
        {
            if (bucket < CumulativeWeights[i])
            {
                return i;
            }
        }

        return CumulativeWeights.Length - 1;
    }
}
