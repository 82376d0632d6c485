using System.Net.Http.Headers;
using Hop.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>A user made directly in the app's database, with a real API key on its client.</summary>
internal sealed record TestUser(long Id, string Username, string ApiKey, HttpClient Client);

internal static class TestUsers
{
    /// <summary>Creates a user and an API key with <paramref name="scopes"/> (default: every scope the
    /// role allows) and returns a client that sends the key and does not follow redirects.</summary>
    /// <summary>The same as <see cref="CreateUserAsync"/>, for field initializers that cannot await.</summary>
    public static TestUser CreateUser(this HopFactory factory, string role = Roles.User, params string[] scopes)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Hop.Data.HopDbContext>();
        var (user, apiKey, key) = NewUser(role, scopes);
        db.Users.Add(user);
        db.SaveChanges();
        apiKey.UserId = user.Id;
        db.ApiKeys.Add(apiKey);
        db.SaveChanges();
        return new TestUser(user.Id, user.Username, key, ClientWithKey(factory, key));
    }

    private static (User User, ApiKey ApiKey, string Key) NewUser(string role, string[] scopes)
    {
        var username = $"u{Guid.NewGuid():N}"[..16];
        var (key, prefix, hash) = ApiKeySecrets.Generate();
        var grant = scopes.Length > 0 ? scopes
            : role == Roles.Admin ? Scopes.All
            : [Scopes.LinksRead, Scopes.LinksWrite, Scopes.StatsRead];
        var user = new User
        {
            Username = username,
            Email = $"{username}@example.test",
            PasswordHash = "!",
            Role = role,
            CreatedAt = DateTime.UtcNow,
        };
        var apiKey = new ApiKey
        {
            Name = "tests",
            Prefix = prefix,
            SecretHash = hash,
            Scopes = [.. grant],
            CreatedAt = DateTime.UtcNow,
        };
        return (user, apiKey, key);
    }

    private static HttpClient ClientWithKey(HopFactory factory, string key)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static async Task<TestUser> CreateUserAsync(this HopFactory factory, string role = Roles.User, params string[] scopes)
    {
        var (user, apiKey, key) = NewUser(role, scopes);
        await factory.WithDbAsync(async db =>
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
            apiKey.UserId = user.Id;
            db.ApiKeys.Add(apiKey);
            await db.SaveChangesAsync();
        });
        return new TestUser(user.Id, user.Username, key, ClientWithKey(factory, key));
    }
}
