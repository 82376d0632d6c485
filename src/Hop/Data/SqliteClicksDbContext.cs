using Microsoft.EntityFrameworkCore;

namespace Hop.Data;

internal sealed class SqliteClicksDbContext(DbContextOptions<SqliteClicksDbContext> options) : ClicksDbContext(options);
