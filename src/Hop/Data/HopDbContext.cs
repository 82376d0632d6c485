using Hop.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Hop.Data;

/// <summary>
/// The model shared by both providers. Each provider has a subclass only so that it can own its
/// migrations set (Migrations/Sqlite, Migrations/Postgres).
/// </summary>
internal class HopDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Link> Links => Set<Link>();
    public DbSet<CodeSequence> CodeSequences => Set<CodeSequence>();
    public DbSet<AppSetting> AppSettings => Set<AppSetting>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are UTC everywhere; SQLite hands them back as Unspecified, so say what they are.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Link>(link =>
        {
            link.HasIndex(l => l.Code).IsUnique();
            link.HasIndex(l => new { l.OwnerId, l.CreatedAt, l.Id });
            link.HasIndex(l => new { l.CreatedAt, l.Id });
            link.Property(l => l.Code).HasMaxLength(64);
            link.Property(l => l.TargetUrl).HasMaxLength(2048);
            link.Property(l => l.Title).HasMaxLength(200);
            link.Property(l => l.DisabledReason).HasMaxLength(500);
            link.Property(l => l.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<CodeSequence>(sequence =>
        {
            sequence.HasKey(s => s.Name);
            sequence.Property(s => s.Name).HasMaxLength(32);
            sequence.HasData(new CodeSequence { Name = CodeSequence.Links, NextId = 0 });
        });

        modelBuilder.Entity<AppSetting>(setting =>
        {
            setting.HasKey(s => s.Key);
            setting.Property(s => s.Key).HasMaxLength(64);
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

internal sealed class SqliteHopDbContext(DbContextOptions<SqliteHopDbContext> options) : HopDbContext(options);

internal sealed class PostgresHopDbContext(DbContextOptions<PostgresHopDbContext> options) : HopDbContext(options);

/// <summary>The next unleased id of a counter; instances lease blocks of ids from it.</summary>
internal sealed class CodeSequence
{
    public const string Links = "links";

    public required string Name { get; set; }
    public long NextId { get; set; }
}

/// <summary>Installation-wide values that must be the same on every instance, such as the code key.</summary>
internal sealed class AppSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}
