namespace Hop.Data;

internal sealed class PostgresClicksDesignTimeFactory() : DesignTimeFactory<PostgresClicksDbContext>(
    db => db.UseHopPostgres("Host=localhost;Database=hop_design", ClicksDbContext.MigrationsHistoryTable),
    options => new(options));
