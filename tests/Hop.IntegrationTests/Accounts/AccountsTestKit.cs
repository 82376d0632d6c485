using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Hop.Accounts;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hop.IntegrationTests.Accounts;

/// <summary>Open registration, anonymous creation and small limits; X-Forwarded-For is believed from
/// 10.0.0.0/8, so each test gets its own client IP; every log level is kept (and only kept, not printed).</summary>
internal static class OpenSettings
{
    public static readonly KeyValuePair<string, string>[] Values =
    [
        new("Accounts:Registration", "open"),
        new("Accounts:AnonymousCreate", "true"),
        new("RateLimits:AnonymousCreatesPerMinute", "2"),
        new("RateLimits:LoginAttemptsPerMinute", "3"),
        new("Network:TrustedProxies:0", "10.0.0.0/8"),
        new("Logging:LogLevel:Default", "Trace"),
        new("Logging:LogLevel:Microsoft.AspNetCore", "Trace"),
        new("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace"),
    ];

    public static void OnlyCapture(IWebHostBuilder builder, LogCapture logs) =>
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(logs);
        });
}

public sealed class SqliteOpenAccountsFactory : SqliteHopFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => OpenSettings.Values;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        OpenSettings.OnlyCapture(builder, Logs);
    }
}

public sealed class PostgresOpenAccountsFactory : PostgresHopFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => OpenSettings.Values;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        OpenSettings.OnlyCapture(builder, Logs);
    }
}

/// <summary>Registration closed; the first-run setup token is made on both providers.</summary>
public sealed class SqliteClosedAccountsFactory : SqliteHopFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Accounts:Registration", "closed"), new("Accounts:FirstRunSetup", "true")];
}

public sealed class PostgresClosedAccountsFactory : PostgresHopFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Accounts:Registration", "closed"), new("Accounts:FirstRunSetup", "true")];
}

internal static class AccountsTestKit
{
    public const string Password = "plum-orbit-cactus-41";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A client whose requests come through the trusted proxy 10.0.0.1 on behalf of <paramref name="clientIp"/>.</summary>
    public static HttpClient ClientBehindProxy(this HopFactory factory, string clientIp, string proxyIp = "10.0.0.1")
    {
        var server = factory.Server;
        var client = new HttpClient(server.CreateHandler(context => context.Connection.RemoteIpAddress = IPAddress.Parse(proxyIp)))
        {
            BaseAddress = server.BaseAddress,
        };
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientIp);
        return client;
    }

    /// <summary>A fresh documentation-range address, so each test has a rate-limit partition of its own.</summary>
    public static string NewClientIp() => $"198.51.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 255)}";

    public static async Task SetPasswordAsync(this HopFactory factory, long userId, string password = Password)
    {
        var hash = factory.Services.GetRequiredService<PasswordHashing>().Hash(password);
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == userId)
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
