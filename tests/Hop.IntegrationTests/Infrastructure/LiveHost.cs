using Hop.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>
/// The app on a real loopback port (Kestrel, not the in-memory test server), so a real browser can open
/// its pages. As a class fixture: <c>IClassFixture&lt;LiveHost&lt;Sqlite, Defaults&gt;&gt;</c>.
/// </summary>
public class LiveHost : HopHost
{
    internal LiveHost(TestDatabase database, HostProfile profile)
        : base(database, profile) => UseKestrel(0);

    /// <summary>http://127.0.0.1:PORT, without a trailing slash.</summary>
    public string Address { get; private set; } = "";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        StartServer();
        Address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }

    /// <summary>A user with a password, for signing in through the pages.</summary>
    internal async Task<(TestUser User, string Password)> CreateUserWithPasswordAsync(string role = Roles.User)
    {
        var user = await this.CreateUserAsync(role);
        var password = $"pw-{Guid.NewGuid():N}";
        var hash = Services.GetRequiredService<PasswordHashing>().Hash(password);
        await WithDbAsync(async db =>
        {
            var row = await db.Users.FindAsync(user.Id);
            row!.PasswordHash = hash;
            await db.SaveChangesAsync();
        });
        return (user, password);
    }
}

/// <summary>A <see cref="LiveHost"/> as a class fixture.</summary>
public sealed class LiveHost<TDatabase, TProfile>() : LiveHost(new TDatabase(), new TProfile())
    where TDatabase : TestDatabase, new()
    where TProfile : HostProfile, new();
