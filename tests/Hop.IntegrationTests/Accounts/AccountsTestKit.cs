using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hop.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Accounts;

internal static class AccountsTestKit
{
    public const string Password = "plum-orbit-cactus-41";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A client whose requests come through the trusted proxy 10.0.0.1 on behalf of <paramref name="clientIp"/>.</summary>
    public static HttpClient ClientBehindProxy(this HopHost host, string clientIp, string proxyIp = "10.0.0.1")
    {
        var server = host.Server;
        var client = new HttpClient(server.CreateHandler(context => context.Connection.RemoteIpAddress = IPAddress.Parse(proxyIp)))
        {
            BaseAddress = server.BaseAddress,
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientIp);
        return client;
    }

    /// <summary>A fresh documentation-range address, so each test has a rate-limit partition of its own.</summary>
    public static string NewClientIp() => $"198.51.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 255)}";

    public static async Task SetPasswordAsync(this HopHost host, long userId, string password = Password)
    {
        var hash = host.Services.GetRequiredService<PasswordHashing>().Hash(password);
        await host.WithDbAsync(db => db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, hash), Ct));
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body, ApiClient.Json, Ct);

    public static HttpClient WithBearer(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static void AssertTooManyRequests(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 must say when to retry");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
