using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Hop.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>
/// Test-only stand-ins until the accounts branch brings real authentication: a scheme that trusts an
/// <c>X-Test-User: id[;admin]</c> header, and <c>X-Test-Ip</c> as the client address (the test server
/// has no socket). Both live only in the tests.
/// </summary>
internal static class TestCallers
{
    public const string UserHeader = "X-Test-User";
    public const string IpHeader = "X-Test-Ip";

    public static void AddTestCallers(this IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication(TestAuthHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, null);
            services.AddTransient<IStartupFilter, ClientIpFromHeader>();
        });

    public static HttpClient AsUser(this HttpClient client, long userId, bool admin = false)
    {
        client.DefaultRequestHeaders.Remove(UserHeader);
        client.DefaultRequestHeaders.Add(UserHeader, admin ? $"{userId};admin" : $"{userId}");
        return client;
    }

    private sealed class TestAuthHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "Test";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (Request.Headers[UserHeader].ToString() is not { Length: > 0 } value)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var parts = value.Split(';');
            var claims = new List<Claim>
            {
                new(Caller.UserIdClaim, parts[0]),
                new(Caller.RoleClaim, parts.Contains("admin") ? Roles.Admin : Roles.User),
            };
            claims.AddRange(Scopes.All.Where(s => s != Scopes.Admin || parts.Contains("admin"))
                .Select(s => new Claim(Caller.ScopeClaim, s)));
            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
        }
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
