using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>
/// <c>X-Test-Ip</c> as the client address: the in-memory test server has no socket, and the click
/// pipeline needs distinct visitors. Lives only in the tests.
/// </summary>
internal static class TestClientIp
{
    public const string IpHeader = "X-Test-Ip";

    public static void AddTestClientIp(this IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, ClientIpFromHeader>());

    /// <summary>Sends <paramref name="user"/>'s real API key on <paramref name="client"/>.</summary>
    public static HttpClient AsUser(this HttpClient client, TestUser user)
    {
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.ApiKey);
        return client;
    }

    private sealed class ClientIpFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[IpHeader].ToString(), out var ip))
                {
                    http.Connection.RemoteIpAddress = ip;
                }

                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
