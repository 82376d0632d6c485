namespace Hop.Data;

internal sealed class SqliteClicksDesignTimeFactory() : DesignTimeFactory<SqliteClicksDbContext>(
    db => db.UseHopSqlite(DatabaseOptions.DefaultSqlite, ClicksDbContext.MigrationsHistoryTable),
    options => new(options));
