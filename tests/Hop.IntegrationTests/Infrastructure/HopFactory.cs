using Hop.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>The real app on a real database of its own, created for the fixture and dropped after it.</summary>
public abstract class HopFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Small, so that tests cross block boundaries.</summary>
    public const int CodeBlockSize = 10;

    internal abstract DatabaseProvider Provider { get; }

    protected abstract string ConnectionString { get; }

    /// <summary>The app's database, for tools that run beside it (the CLI).</summary>
    internal string DatabaseConnectionString => ConnectionString;

    /// <summary>Everything the app logs at the configured levels.</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>Settings a subclass adds on top of the database ones.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Database:AutoMigrate", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Codes:BlockSize", CodeBlockSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Limits high enough that only the tests about limits meet them.
        builder.UseSetting("RateLimits:WritesPerMinute", "1000000");
        builder.UseSetting("RateLimits:LoginAttemptsPerMinute", "1000000");
        builder.UseSetting("RateLimits:AnonymousCreatesPerMinute", "1000000");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
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
}

public class SqliteHopFactory : HopFactory
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hop-test-").FullName;

    internal override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={Path.Combine(_directory, "hop.db")}";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}

/// <summary>A database of its own on the PostgreSQL server that ./test.sh starts (HOP_TEST_POSTGRES).</summary>
public class PostgresHopFactory : HopFactory
{
    private readonly string _database = $"hop_test_{Guid.NewGuid():N}";

    internal override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = _database }.ConnectionString;

    public override async ValueTask InitializeAsync() => await TestServers.CreatePostgresDatabaseAsync(_database);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await TestServers.DropPostgresDatabaseAsync(_database);
        GC.SuppressFinalize(this);
    }
}
