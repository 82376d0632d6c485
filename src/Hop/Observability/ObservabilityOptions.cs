using System.ComponentModel.DataAnnotations;
using Hop.Accounts;

namespace Hop.Observability;

/// <summary>Who may read <c>/metrics</c>: <c>Observability:*</c>.</summary>
internal sealed class ObservabilityOptions : IValidatableObject
{
    public const string Section = "Observability";

    private static readonly string[] Loopback = ["127.0.0.0/8", "::1/128"];

    /// <summary>
    /// IPs or CIDR ranges whose clients may read <c>/metrics</c>; anyone else gets 404. Unset: loopback
    /// only. The client is the connection's peer, or what X-Forwarded-For says when that peer is a
    /// trusted proxy (<c>Network:TrustedProxies</c>), so nobody else can claim an allowed address.
    /// </summary>
    public List<string>? MetricsNetworks { get; set; }

    /// <summary>
    /// Addresses (<c>;</c> between them, as in <c>urls</c>) that Kestrel listens on besides the public
    /// ones, e.g. <c>http://127.0.0.1:9090</c>. When set, <c>/metrics</c> is served there only and answers
    /// 404 on every public address; <c>/healthz</c> and <c>/readyz</c> are served on both.
    /// </summary>
    public string? ManagementUrls { get; set; }

    public IReadOnlyList<string> EffectiveMetricsNetworks => MetricsNetworks is { Count: > 0 } networks ? networks : Loopback;

    /// <summary>The management addresses, each with the port it listens on; empty when there are none.</summary>
    public IReadOnlyList<(string Url, int Port)> Management =>
        [.. Split(ManagementUrls).Select(url => (url, TryParse(url, out var address) ? address!.Port : -1))];

    public static IEnumerable<string> Split(string? urls) =>
        (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in EffectiveMetricsNetworks.Where(n => !NetworkOptions.TryParse(n, out _, out _)))
        {
            yield return new ValidationResult(
                $"Observability:MetricsNetworks entry '{entry}' is neither an IP address nor a CIDR range.", [nameof(MetricsNetworks)]);
        }

        foreach (var (url, port) in Management)
        {
            if (port <= 0)
            {
                yield return new ValidationResult(
                    $"Observability:ManagementUrls entry '{url}' is not an http(s) address with a port of its own (e.g. http://127.0.0.1:9090).",
                    [nameof(ManagementUrls)]);
            }
        }
    }

    private static bool TryParse(string url, out BindingAddress? address)
    {
        try
        {
            address = BindingAddress.Parse(url);
            return address.Scheme is "http" or "https" && !address.IsUnixPipe && !address.IsNamedPipe;
        }
        catch (FormatException)
        {
            address = null;
            return false;
        }
    }
}
