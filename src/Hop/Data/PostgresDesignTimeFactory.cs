namespace Hop.Data;

internal sealed class PostgresDesignTimeFactory() : DesignTimeFactory<PostgresHopDbContext>(
    db => db.UseHopPostgres("Host=localhost;Database=hop_design"),
    options => new(options));
