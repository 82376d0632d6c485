using Microsoft.EntityFrameworkCore;

namespace Hop.Data;

internal sealed class SqliteHopDbContext(DbContextOptions<SqliteHopDbContext> options) : HopDbContext(options);
