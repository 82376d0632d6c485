using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hop.Data;

internal static partial class DataServices
{
    /// <summary>
    /// Registers both contexts (<see cref="HopDbContext"/>, with every <see cref="ISaveChangesInterceptor"/>
    /// in the container such as the link cache's publisher, and <see cref="ClicksDbContext"/>) for the
    /// provider the validated options name, and applies migrations at start-up when
    /// <see cref="DatabaseOptions.EffectiveAutoMigrate"/> says so. Nothing is read from configuration
    /// here: a bad value is reported by ValidateOnStart with every other one.
    /// </summary>
    public static void AddData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Analytics share the links database unless Clicks:Database names a connection string of its
        // own. Their options, named after that section, are bound from whichever it is, and checked
        // on their own only when they are their own (else Database's check covers them).
        services.AddOptions<DatabaseOptions>(DatabaseOptions.ClicksSection)
            .Configure<IConfiguration>((clicks, configuration) =>
            {
                var own = configuration.GetSection(DatabaseOptions.ClicksSection);
                var shared = own[nameof(DatabaseOptions.ConnectionString)] is not { Length: > 0 };
                (shared ? configuration.GetSection(DatabaseOptions.Section) : own).Bind(clicks);
                clicks.SectionName = shared ? DatabaseOptions.Section : DatabaseOptions.ClicksSection;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, OwnClicksDatabaseValidation>();

        services.AddDbContextPool<PostgresHopDbContext>((sp, db) =>
            db.UseHopPostgres(Links(sp).EffectiveConnectionString).AddInterceptors(sp.GetServices<ISaveChangesInterceptor>()));
        services.AddDbContextPool<SqliteHopDbContext>((sp, db) =>
            db.UseHopSqlite(SqliteFile(Links(sp))).AddInterceptors(sp.GetServices<ISaveChangesInterceptor>()));
        services.AddScoped<HopDbContext>(sp => Links(sp).Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<PostgresHopDbContext>()
            : sp.GetRequiredService<SqliteHopDbContext>());

        services.AddDbContextPool<PostgresClicksDbContext>((sp, db) =>
            db.UseHopPostgres(Clicks(sp).EffectiveConnectionString, ClicksDbContext.MigrationsHistoryTable));
        services.AddDbContextPool<SqliteClicksDbContext>((sp, db) =>
            db.UseHopSqlite(SqliteFile(Clicks(sp)), ClicksDbContext.MigrationsHistoryTable));
        services.AddScoped<ClicksDbContext>(sp => Clicks(sp).Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<PostgresClicksDbContext>()
            : sp.GetRequiredService<SqliteClicksDbContext>());

        services.AddHostedService<MigrateOnStart>();
    }

    private static DatabaseOptions Links(IServiceProvider services) =>
        services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

    private static DatabaseOptions Clicks(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<DatabaseOptions>>().Get(DatabaseOptions.ClicksSection);

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

    /// <summary>The SQLite connection string, with the database file's directory made if it is missing.</summary>
    private static string SqliteFile(DatabaseOptions options)
    {
        var connectionString = options.EffectiveConnectionString;
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (dataSource is not (":memory:" or "") && directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        return connectionString;
    }

    /// <summary>Checks the clicks database's options when <c>Clicks:Database</c> is a database of its own.</summary>
    private sealed class OwnClicksDatabaseValidation : IValidateOptions<DatabaseOptions>
    {
        private readonly DataAnnotationValidateOptions<DatabaseOptions> _check = new(DatabaseOptions.ClicksSection);

        public ValidateOptionsResult Validate(string? name, DatabaseOptions options) =>
            name == DatabaseOptions.ClicksSection && options.SectionName == DatabaseOptions.ClicksSection
                ? _check.Validate(name, options)
                : ValidateOptionsResult.Skip;
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
