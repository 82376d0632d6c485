using Hop.Safety.Targets;

namespace Hop.Domains;

/// <summary>The checks of a domain's fields, for the admin API and the CLI alike; every refusal at once, by field.</summary>
internal static class DomainRules
{
    /// <summary>The canonical spelling of a host (lower case, punycode), or the text itself when it is no host.</summary>
    public static string Canonical(string host) =>
        WhatwgHost.Parse(host.Trim(), out var parsed, out _) == TargetProblem.None ? parsed!.Name : host.Trim();

    /// <summary>Checks <paramref name="request"/> as a whole domain and writes it onto <paramref name="domain"/> when every field passes.</summary>
    public static Dictionary<string, string[]> Apply(DomainRequest request, Domain domain, bool hostFixed, TargetPolicy targets)
    {
        var errors = new Dictionary<string, string[]>();
        string? host = null;
        if (!hostFixed)
        {
            host = CheckHost(request.Host, errors);
        }

        foreach (var (field, url) in new[] { ("rootRedirect", request.RootRedirect), ("notFoundRedirect", request.NotFoundRedirect) })
        {
            if (url is not null && targets.Check(url) is { Accepted: false } verdict)
            {
                errors[field] = [$"{field} {verdict.Reason}"];
            }
        }

        var access = DomainAccess.Everyone;
        if (request.Access is { } text && !TryParseAccess(text, out access))
        {
            errors["access"] = ["access must be everyone, admins or users."];
        }

        if (request.Users is { } users && users.Any(id => id < 1))
        {
            errors["users"] = ["users must be user ids (whole numbers from 1)."];
        }
        else if (access == DomainAccess.Users && request.Users is not { Count: > 0 })
        {
            errors["users"] = ["users must list at least one user id when access is users."];
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        if (host is not null)
        {
            domain.Host = host;
        }

        domain.Https = request.Https ?? true;
        domain.RootRedirect = request.RootRedirect is null ? null : targets.Check(request.RootRedirect).Url;
        domain.NotFoundRedirect = request.NotFoundRedirect is null ? null : targets.Check(request.NotFoundRedirect).Url;
        domain.Access = access;
        domain.Users = [.. (request.Users ?? []).Distinct()];
        return errors;
    }

    public static bool TryParseAccess(string text, out DomainAccess access) =>
        Enum.TryParse(text, ignoreCase: true, out access) && Enum.IsDefined(access) && !char.IsDigit(text.Trim()[0]);

    /// <summary>A public DNS name, canonical; null (with the reason in <paramref name="errors"/>) otherwise.</summary>
    private static string? CheckHost(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors["host"] = ["host is required."];
            return null;
        }

        if (text.Contains(':', StringComparison.Ordinal) || text.Contains('/', StringComparison.Ordinal))
        {
            errors["host"] = ["host must be a DNS name alone, without scheme, port or path."];
            return null;
        }

        if (WhatwgHost.Parse(text.Trim(), out var parsed, out var reason) != TargetProblem.None)
        {
            errors["host"] = [$"host {reason}"];
            return null;
        }

        if (parsed!.Kind != TargetHostKind.Name)
        {
            errors["host"] = ["host must be a DNS name, not an IP address."];
            return null;
        }

        if (PublicNames.Classify(parsed.Name) is { } refused)
        {
            errors["host"] = [$"host {refused.Reason}"];
            return null;
        }

        if (parsed.Name.Length > Domain.MaxHostLength)
        {
            errors["host"] = [$"host must be at most {Domain.MaxHostLength} characters."];
            return null;
        }

        return parsed.Name;
    }
}
