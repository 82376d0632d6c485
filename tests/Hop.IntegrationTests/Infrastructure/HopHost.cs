using System.Globalization;
using Hop.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>
/// The real app on a real database, composed from a kind of database (<see cref="TestDatabase"/>) and a
/// settings profile (<see cref="HostProfile"/>). As a class fixture it is <see cref="HopHost{TDatabase,TProfile}"/>;
/// a test that needs an app of its own starts one with <see cref="StartAsync"/>.
/// </summary>
public class HopHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Small, so that tests cross block boundaries.</summary>
    public const int CodeBlockSize = 10;

    /// <summary>Where a fake clock starts: a fixed noon, far from midnight and from any DST change, so
    /// that day boundaries fall where a test expects them.</summary>
    public static readonly DateTimeOffset FakeClockStart = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly bool _ownsDatabase;
    private readonly FakeTimeProvider? _clock;

    /// <param name="ownsDatabase">True when the host creates the database before the app starts and
    /// drops it after the app stops; false when several hosts share one (<see cref="HopInstances"/>).</param>
    internal HopHost(TestDatabase database, HostProfile profile, bool ownsDatabase = true)
    {
        Database = database;
        Profile = profile;
        _ownsDatabase = ownsDatabase;
        _clock = profile.UsesFakeClock ? new FakeTimeProvider(FakeClockStart) : null;
    }

    internal TestDatabase Database { get; }

    internal HostProfile Profile { get; }

    internal DatabaseProvider Provider => Database.Provider;

    /// <summary>The app's database, for tools that run beside it (the CLI, <c>hop worker</c>).</summary>
    internal string DatabaseConnectionString => Database.ConnectionString;

    /// <summary>Everything the app logs at the configured levels.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>The app's clock, which only the test moves; only on a profile that asks for one.</summary>
    internal FakeTimeProvider Clock =>
        _clock ?? throw new InvalidOperationException($"The {Profile.GetType().Name} profile runs the app on the system clock.");

    /// <summary>The app's current time, from whichever clock it runs on.</summary>
    internal DateTimeOffset Now => Services.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>Starts an app of its own on a new, empty database of <paramref name="provider"/>; disposing
    /// it stops the app and drops the database.</summary>
    internal static async Task<HopHost> StartAsync(DatabaseProvider provider, HostProfile profile)
    {
        var host = new HopHost(TestDatabase.New(provider), profile);
        try
        {
            await host.InitializeAsync();
            _ = host.Server; // started here, so that a failing start fails here
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public virtual async ValueTask InitializeAsync()
    {
        if (_ownsDatabase)
        {
            await Database.CreateAsync();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DropAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Runs <paramref name="action"/> on a fresh context of the app's own database.</summary>
    internal async Task<T> WithDbAsync<T>(Func<HopDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<HopDbContext>());
    }

    internal Task WithDbAsync(Func<HopDbContext, Task> action) =>
        WithDbAsync(async db =>
        {
            await action(db);
            return true;
        });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:ConnectionString", DatabaseConnectionString);
        builder.UseSetting("Database:AutoMigrate", Database.Migrates ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Codes:BlockSize", CodeBlockSize.ToString(CultureInfo.InvariantCulture));
        // Limits high enough that only the tests about limits meet them.
        builder.UseSetting("RateLimits:WritesPerMinute", "1000000");
        builder.UseSetting("RateLimits:LoginAttemptsPerMinute", "1000000");
        builder.UseSetting("RateLimits:AnonymousCreatesPerMinute", "1000000");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        foreach (var (key, value) in Profile.Settings)
        {
            builder.UseSetting(key, value);
        }

        if (_clock is { } clock)
        {
            // In place of the app's one TimeProvider, so every service reads this clock.
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
        }

        Profile.Configure(builder, this);
    }
}
