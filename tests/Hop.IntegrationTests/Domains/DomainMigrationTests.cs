using Hop.Data;
using Hop.Domains;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static Hop.IntegrationTests.Redirects.RedirectTestKit;

namespace Hop.IntegrationTests.Domains;

/// <summary>The Domains migration on a database that has links already: every one moves to the default domain.</summary>
public abstract class DomainMigrationTests
{
    private readonly DatabaseProvider _provider;

    private protected DomainMigrationTests(DatabaseProvider provider)
    {
        _provider = provider;
    }

    [Fact]
    public async Task Existing_links_move_to_the_default_domain()
    {
        var database = TestDatabase.New(_provider);
        await database.CreateAsync();
        try
        {
            await using var db = Context(database);
            var migrations = db.Database.GetMigrations().ToList();
            var mine = migrations.FindIndex(m => m.EndsWith("_Domains", StringComparison.Ordinal));
            Assert.True(mine > 0, string.Join(", ", migrations));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[mine - 1], Ct);

            object noTags = _provider == DatabaseProvider.Sqlite ? "[]" : Array.Empty<string>();
            var now = DateTime.UtcNow;
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO links (code, target_url, is_custom_alias, tags, redirect_status, forward_query,
                                   visit_count, created_at, updated_at, version)
                VALUES ({"before1"}, {"https://example.com/1"}, {true}, {noTags}, {302}, {false}, {0L}, {now}, {now}, {1})
                """, Ct);
            await migrator.MigrateAsync(migrations[mine], Ct);

            var link = await db.Links.AsNoTracking().SingleAsync(l => l.Code == "before1", Ct);
            Assert.Equal(Domain.DefaultId, link.DomainId);
            var only = await db.Domains.AsNoTracking().SingleAsync(Ct);
            Assert.Equal((Domain.DefaultId, true, "localhost"), (only.Id, only.IsDefault, only.Host));

            // The id sequence is past the default row, so the next domain gets id 2.
            db.Domains.Add(new Domain { Host = "next.example.com", CreatedAt = now, UpdatedAt = now });
            await db.SaveChangesAsync(Ct);
            Assert.Equal(2, await db.Domains.MaxAsync(d => d.Id, Ct));
        }
        finally
        {
            await database.DropAsync();
        }
    }

    private static HopDbContext Context(TestDatabase database)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var sqlite = new DbContextOptionsBuilder<SqliteHopDbContext>();
            sqlite.UseHopSqlite(database.ConnectionString);
            return new SqliteHopDbContext(sqlite.Options);
        }

        var postgres = new DbContextOptionsBuilder<PostgresHopDbContext>();
        postgres.UseHopPostgres(database.ConnectionString);
        return new PostgresHopDbContext(postgres.Options);
    }
}

public sealed class SqliteDomainMigrationTests() : DomainMigrationTests(DatabaseProvider.Sqlite);

public sealed class PostgresDomainMigrationTests() : DomainMigrationTests(DatabaseProvider.Postgres);
