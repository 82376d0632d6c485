using System.ComponentModel.DataAnnotations;
using Hop.Safety.Targets;

namespace Hop.Safety;

/// <summary>The safety settings: the target policy and abuse reports (section "Safety"); every one also works as <c>HOP__SAFETY__…</c>.</summary>
internal sealed class SafetyOptions : IValidatableObject
{
    public const string Section = "Safety";

    /// <summary>The longest target accepted, measured on the normalized URL; at most <see cref="TargetUrl.HardMaxLength"/>.</summary>
    public int MaxUrlLength { get; set; } = TargetUrl.DefaultMaxLength;

    /// <summary>Resolve a target's name and refuse it when any address is not public, or when it does not resolve.</summary>
    public bool ResolveHosts { get; set; }

    /// <summary>How long one lookup may take before the target is refused as unresolvable.</summary>
    public TimeSpan ResolveTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Other link shorteners, each with its subdomains; refused as targets unless <see cref="AllowShorteners"/>.
    /// Shorteners of one site's own pages (youtu.be, amzn.to) are left out: they cannot hide another target.
    /// Entries in configuration (Safety:Shorteners:0, …) are added to these.
    /// </summary>
    public List<string> Shorteners { get; set; } =
    [
        "bit.ly", "bitly.com", "t.co", "tinyurl.com", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly",
        "shorturl.at", "tiny.cc", "lnkd.in", "rb.gy", "bit.do", "t.ly", "s.id", "v.gd", "tiny.one", "shorte.st",
        "adf.ly", "bl.ink", "short.io", "soo.gd", "clck.ru", "qr.ae", "po.st", "mcaf.ee", "su.pr", "x.co",
        "trib.al", "dlvr.it", "ift.tt", "wp.me", "1url.com", "tr.im", "urlz.fr", "surl.li", "kutt.it", "shor.by",
        "t2m.io", "cli.gs", "u.to", "zpr.io", "lc.chat",
    ];

    /// <summary>Accept targets on <see cref="Shorteners"/> (chains can hide where a link really goes).</summary>
    public bool AllowShorteners { get; set; }

    /// <summary>A link reported by more than this many distinct reporters, with none of the reports acted on, shows visitors the interstitial.</summary>
    [Range(1, 1_000_000)]
    public int ReportsBeforeWarning { get; set; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxUrlLength is < 32 or > TargetUrl.HardMaxLength)
        {
            yield return new ValidationResult(
                $"Safety:MaxUrlLength must be from 32 to {TargetUrl.HardMaxLength} (the width of the stored column).", [nameof(MaxUrlLength)]);
        }

        if (ResolveTimeout <= TimeSpan.Zero || ResolveTimeout > TimeSpan.FromSeconds(30))
        {
            yield return new ValidationResult("Safety:ResolveTimeout must be more than 0 and at most 30 seconds, e.g. 00:00:02.", [nameof(ResolveTimeout)]);
        }

        foreach (var value in Shorteners)
        {
            if (WhatwgHost.Parse(value.Trim(), out _, out _) != TargetProblem.None)
            {
                yield return new ValidationResult($"Safety:Shorteners holds '{value}', which is not a host name or IP address.", [nameof(Shorteners)]);
            }
        }
    }
}
