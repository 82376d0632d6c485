using Microsoft.EntityFrameworkCore;

namespace Hop.Data;

internal sealed class PostgresClicksDbContext(DbContextOptions<PostgresClicksDbContext> options) : ClicksDbContext(options);
