using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hop.Data;

internal static partial class DataServices
{
    /// <summary>Registers the configured provider's context as <see cref="HopDbContext"/> (with every
    /// <see cref="ISaveChangesInterceptor"/> in the container, such as the link cache's invalidation) and applies
    /// migrations at start-up when <see cref="DatabaseOptions.EffectiveAutoMigrate"/> says so.</summary>
    public static void AddData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new();
        builder.Services.AddHopDbContext(options);

        // Analytics share the links database unless Clicks:Database names one of their own. The click
        // pipeline picks its store from the same section, bound as the options named after it; it is
        // validated here when it is its own, and as Database otherwise.
        var clicksSection = builder.Configuration.GetSection(DatabaseOptions.ClicksSection);
        var ownClicksDatabase = clicksSection[nameof(DatabaseOptions.ConnectionString)] is { Length: > 0 };
        if (!ownClicksDatabase)
        {
            clicksSection = builder.Configuration.GetSection(DatabaseOptions.Section);
        }

        var clicks = builder.Services.AddOptions<DatabaseOptions>(DatabaseOptions.ClicksSection).Bind(clicksSection);
        if (ownClicksDatabase)
        {
            clicks.ValidateDataAnnotations().ValidateOnStart();
        }

        builder.Services.AddClicksDbContext(clicksSection.Get<DatabaseOptions>() ?? new());
        builder.Services.AddHostedService<MigrateOnStart>();
    }

    public static void AddHopDbContext(this IServiceCollection services, DatabaseOptions options)
    {
        var connectionString = options.EffectiveConnectionString;
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<PostgresHopDbContext>((sp, db) =>
                db.UseHopPostgres(connectionString).AddInterceptors(sp.GetServices<ISaveChangesInterceptor>()));
            services.AddScoped<HopDbContext>(sp => sp.GetRequiredService<PostgresHopDbContext>());
        }
        else
        {
            EnsureSqliteDirectory(connectionString);
            services.AddDbContextPool<SqliteHopDbContext>((sp, db) =>
                db.UseHopSqlite(connectionString).AddInterceptors(sp.GetServices<ISaveChangesInterceptor>()));
            services.AddScoped<HopDbContext>(sp => sp.GetRequiredService<SqliteHopDbContext>());
        }
    }

    public static void AddClicksDbContext(this IServiceCollection services, DatabaseOptions options)
    {
        var connectionString = options.EffectiveConnectionString;
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<PostgresClicksDbContext>(db => db.UseHopPostgres(connectionString, ClicksDbContext.MigrationsHistoryTable));
            services.AddScoped<ClicksDbContext>(sp => sp.GetRequiredService<PostgresClicksDbContext>());
        }
        else
        {
            EnsureSqliteDirectory(connectionString);
            services.AddDbContextPool<SqliteClicksDbContext>(db => db.UseHopSqlite(connectionString, ClicksDbContext.MigrationsHistoryTable));
            services.AddScoped<ClicksDbContext>(sp => sp.GetRequiredService<SqliteClicksDbContext>());
        }
    }

    public static DbContextOptionsBuilder UseHopSqlite(
        this DbContextOptionsBuilder db, string connectionString, string? historyTable = null) =>
        db.UseSqlite(connectionString, sqlite =>
            {
                if (historyTable is not null)
                {
                    sqlite.MigrationsHistoryTable(historyTable);
                }
            })
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(SqliteDurability.Instance);

    public static DbContextOptionsBuilder UseHopPostgres(
        this DbContextOptionsBuilder db, string connectionString, string? historyTable = null) =>
        db.UseNpgsql(connectionString, npgsql =>
            {
                if (historyTable is not null)
                {
                    npgsql.MigrationsHistoryTable(historyTable);
                }
            })
            .UseSnakeCaseNamingConvention();

    /// <summary>Applies every pending migration of both contexts.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAllAsync(IServiceProvider services, CancellationToken ct)
    {
        var applied = new List<string>();
        foreach (var db in new DbContext[]
                 {
                     services.GetRequiredService<HopDbContext>(), services.GetRequiredService<ClicksDbContext>(),
                 })
        {
            applied.AddRange(await db.Database.GetPendingMigrationsAsync(ct));
            await db.Database.MigrateAsync(ct);
        }

        return applied;
    }

    /// <summary>True when the save failed on a unique index (a taken code, a duplicate key).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (dataSource is not (":memory:" or "") && directory is not null)
        {
            Directory.CreateDirectory(directory);
        }
    }

    /// <summary>WAL with synchronous=FULL: a commit is on disk before it is acknowledged.</summary>
    private sealed class SqliteDurability : DbConnectionInterceptor
    {
        public static readonly SqliteDurability Instance = new();
        private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(
            DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private sealed partial class MigrateOnStart(
        IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, ILogger<MigrateOnStart> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (!options.Value.EffectiveAutoMigrate)
            {
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            await MigrateAllAsync(scope.ServiceProvider, cancellationToken);
            Migrated(logger, options.Value.Provider);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Database schema is up to date ({Provider})")]
        private static partial void Migrated(ILogger logger, DatabaseProvider provider);
    }
}
