using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hop.IntegrationTests.Infrastructure;
using Hop.Redirects;
using Hop.Safety.Blocklist;
using Microsoft.Extensions.DependencyInjection;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;

namespace Hop.IntegrationTests.Safety;

internal static class BlocklistTestKit
{
    public const string ApiPath = "/api/v1/admin/blocklist";

    /// <summary>A registrable domain no other test uses.</summary>
    public static string NewDomain(string prefix = "evil") => $"{prefix}-{Guid.NewGuid():N}"[..20] + ".com";

    public static BlocklistIndex Index(this HopHost host) => host.Services.GetRequiredService<BlocklistIndex>();

    public static async Task<JsonElement> BlockAsync(this HttpClient admin, string value, string action = "block", HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var response = await admin.PostAsJsonAsync(ApiPath, new { value, action, reason = "tests" }, ApiClient.Json, Ct);
        Assert.Equal(expected, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static async Task<JsonElement> UnblockAsync(this HttpClient admin, long id)
    {
        using var response = await admin.DeleteAsync($"{ApiPath}/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    /// <summary>The status GET /{code} answers and its body.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> VisitAsync(this HttpClient client, string code)
    {
        using var response = await client.GetAsync("/" + code, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }
}
