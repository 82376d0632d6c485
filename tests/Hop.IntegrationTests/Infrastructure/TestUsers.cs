using System.Net.Http.Headers;
using Hop.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Infrastructure;

internal static class TestUsers
{
    /// <summary>The same as <see cref="CreateUserAsync"/>, for field initializers that cannot await.</summary>
    public static TestUser CreateUser(this HopHost host, string role = Roles.User, params string[] scopes)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Hop.Data.HopDbContext>();
        var (user, apiKey, key) = NewUser(host, role, scopes);
        db.Users.Add(user);
        db.SaveChanges();
        apiKey.UserId = user.Id;
        db.ApiKeys.Add(apiKey);
        db.SaveChanges();
        return new TestUser(user.Id, user.Username, key, ClientWithKey(host, key));
    }

    /// <summary>Creates a user and an API key with <paramref name="scopes"/> (default: every scope the
    /// role allows) and returns a client that sends the key and does not follow redirects.</summary>
    public static async Task<TestUser> CreateUserAsync(this HopHost host, string role = Roles.User, params string[] scopes)
    {
        var (user, apiKey, key) = NewUser(host, role, scopes);
        await host.WithDbAsync(async db =>
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
            apiKey.UserId = user.Id;
            db.ApiKeys.Add(apiKey);
            await db.SaveChangesAsync();
        });
        return new TestUser(user.Id, user.Username, key, ClientWithKey(host, key));
    }

    private static (User User, ApiKey ApiKey, string Key) NewUser(HopHost host, string role, string[] scopes)
    {
        var username = $"u{Guid.NewGuid():N}"[..16];
        var (key, prefix, hash) = ApiKeySecrets.Generate();
        var grant = scopes.Length > 0 ? scopes
            : role == Roles.Admin ? Scopes.All
            : [Scopes.LinksRead, Scopes.LinksWrite, Scopes.StatsRead];
        var now = host.Now.UtcDateTime;
        var user = new User
        {
            Username = username,
            Email = $"{username}@example.test",
            PasswordHash = "!",
            Role = role,
            CreatedAt = now,
        };
        var apiKey = new ApiKey
        {
            Name = "tests",
            Prefix = prefix,
            SecretHash = hash,
            Scopes = [.. grant],
            CreatedAt = now,
        };
        return (user, apiKey, key);
    }

    private static HttpClient ClientWithKey(HopHost host, string key)
    {
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
