using Hop.Accounts;
using Hop.Links;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Hop.Data;

internal sealed class PostgresHopDbContext(DbContextOptions<PostgresHopDbContext> options) : HopDbContext(options);
