using Microsoft.EntityFrameworkCore;

namespace Hop.Data;

internal sealed class PostgresHopDbContext(DbContextOptions<PostgresHopDbContext> options) : HopDbContext(options);
