namespace Hop.Data;

internal sealed class SqliteDesignTimeFactory() : DesignTimeFactory<SqliteHopDbContext>(
    db => db.UseHopSqlite(DatabaseOptions.DefaultSqlite),
    options => new(options));
