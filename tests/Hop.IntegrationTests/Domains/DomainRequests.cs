using System.Net;
using System.Net.Http.Json;
using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Domains;

internal static class DomainRequests
{
    public const string Path = "/api/v1/admin/domains";

    public static Task<HttpResponseMessage> AddDomainAsync(this HttpClient admin, object body) =>
        admin.PostAsJsonAsync(Path, body, ApiClient.Json);

    /// <summary>Adds a domain, or finds it when an earlier test of the fixture added it; its id.</summary>
    public static async Task<long> EnsureDomainAsync(this HttpClient admin, string host, object? body = null)
    {
        using var added = await admin.AddDomainAsync(body ?? new { host });
        if (added.StatusCode == HttpStatusCode.Created)
        {
            return (await added.ReadJsonAsync()).GetProperty("id").GetInt64();
        }

        if (added.StatusCode != HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"Adding {host}: {(int)added.StatusCode} {await added.Content.ReadAsStringAsync()}");
        }

        var list = await (await admin.GetAsync(Path)).ReadJsonAsync();
        return list.EnumerateArray().First(d => d.Str("host") == host).GetProperty("id").GetInt64();
    }
}
