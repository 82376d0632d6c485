using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Hop.Accounts;

internal sealed class NetworkOptions : IValidatableObject
{
    public const string Section = "Network";

    /// <summary>IPs or CIDR ranges of reverse proxies whose X-Forwarded-For is believed. Empty: nobody's.</summary>
    public List<string> TrustedProxies { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        TrustedProxies.Where(p => !TryParse(p, out _, out _)).Select(p => new ValidationResult(
            $"Network:TrustedProxies entry '{p}' is neither an IP address nor a CIDR range.", [nameof(TrustedProxies)]));

    public static bool TryParse(string text, out IPAddress? address, out IPNetwork? network)
    {
        address = null;
        network = null;
        text = text.Trim();
        if (text.Contains('/', StringComparison.Ordinal))
        {
            if (IPNetwork.TryParse(text, out var parsed))
            {
                network = parsed;
                return true;
            }

            return false;
        }

        return IPAddress.TryParse(text, out address);
    }
}
