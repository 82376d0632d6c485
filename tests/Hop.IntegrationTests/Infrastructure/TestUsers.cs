using System.Net.Http.Headers;
using Hop.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>A user made directly in the app's database, with a real API key on its client.</summary>
internal sealed record TestUser(long Id, string Username, string ApiKey, HttpClient Client);

internal static class TestUsers
{
    /// <summary>Creates a user and an API key with <paramref name="scopes"/> (default: every scope the
    /// role allows) and returns a client that sends the key and does not follow redirects.</summary>
    public static async Task<TestUser> CreateUserAsync(this HopFactory factory, string role = Roles.User, params string[] scopes)
    {
        var username = $"u{Guid.NewGuid():N}"[..16];
        var (key, prefix, hash) = ApiKeySecrets.Generate();
        var grant = scopes.Length > 0 ? scopes
            : role == Roles.Admin ? Scopes.All
            : [Scopes.LinksRead, Scopes.LinksWrite, Scopes.StatsRead];
        var id = await factory.WithDbAsync(async db =>
        {
            var user = new User
            {
                Username = username,
                Email = $"{username}@example.test",
                PasswordHash = "!",
                Role = role,
                CreatedAt = DateTime.UtcNow,
            };
            db.Users.Add(user);
            await db.SaveChangesAsync();
            db.ApiKeys.Add(new ApiKey
            {
                UserId = user.Id,
                Name = "tests",
                Prefix = prefix,
                SecretHash = hash,
                Scopes = [.. grant],
                CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            return user.Id;
        });

        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return new TestUser(id, username, key, client);
    }
}
