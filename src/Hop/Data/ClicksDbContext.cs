using Hop.Clicks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hop.Data;

/// <summary>
/// Visits and their counters. A context of its own so that analytics can live in a database of their
/// own (<c>Clicks:Database</c>) and visit writes never compete with link reads; by default it points
/// at the links database and keeps its own migrations history there.
/// </summary>
internal class ClicksDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__clicks_migrations_history";

    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<VisitCount> VisitCounts => Set<VisitCount>();
    public DbSet<VisitProfile> VisitProfiles => Set<VisitProfile>();
    public DbSet<DailyVisitor> DailyVisitors => Set<DailyVisitor>();
    public DbSet<VisitRoute> VisitRoutes => Set<VisitRoute>();
    public DbSet<ClickCounter> ClickCounters => Set<ClickCounter>();
    public DbSet<AppliedBatch> AppliedBatches => Set<AppliedBatch>();
    public DbSet<AccountCount> AccountCounts => Set<AccountCount>();
    public DbSet<AccountDimension> AccountDimensions => Set<AccountDimension>();
    public DbSet<AccountDimensionDay> AccountDimensionDays => Set<AccountDimensionDay>();
    public DbSet<AccountVisitorDay> AccountVisitorDays => Set<AccountVisitorDay>();
    public DbSet<LinkDay> LinkDays => Set<LinkDay>();
    public DbSet<LinkDimensionDay> LinkDimensionDays => Set<LinkDimensionDay>();
    public DbSet<LinkDimensionHour> LinkDimensionHours => Set<LinkDimensionHour>();
    public DbSet<LinkVisitorDay> LinkVisitorDays => Set<LinkVisitorDay>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Visit>(visit =>
        {
            visit.HasIndex(v => v.OccurredAt);
            visit.Property(v => v.ReferrerHost).HasMaxLength(255);
            visit.Property(v => v.Browser).HasMaxLength(64);
            visit.Property(v => v.Os).HasMaxLength(64);
            visit.Property(v => v.Device).HasMaxLength(32);
            visit.Property(v => v.Country).HasMaxLength(2);
            visit.Property(v => v.Route).HasDefaultValue(ClickRoute.Target);
            visit.Property(v => v.SampleRate).HasDefaultValue((short)1);
        });

        modelBuilder.Entity<VisitCount>(count =>
        {
            count.HasKey(c => new { c.LinkId, c.Hour });
            count.HasIndex(c => c.Hour);
            count.ComplexProperty(c => c.Counts, CountColumns);
        });

        modelBuilder.Entity<AccountCount>(count =>
        {
            count.HasKey(c => new { c.AccountId, c.Hour });
            count.ComplexProperty(c => c.Counts, CountColumns);
        });

        modelBuilder.Entity<AccountDimension>(row =>
        {
            row.HasKey(r => new { r.AccountId, r.Hour, r.Dimension, r.Value });
            row.Property(r => r.Value).HasMaxLength(DimensionValueLength);
        });

        modelBuilder.Entity<AccountDimensionDay>(row =>
        {
            row.HasKey(r => new { r.AccountId, r.Day, r.Dimension, r.Value });
            row.Property(r => r.Value).HasMaxLength(DimensionValueLength);
        });

        modelBuilder.Entity<AccountVisitorDay>(row => row.HasKey(r => new { r.AccountId, r.Day }));

        modelBuilder.Entity<LinkDay>(row =>
        {
            row.HasKey(r => new { r.LinkId, r.Day });
            // The largest totals of a day first: the candidates of the top links, for everyone and per owner.
            row.HasIndex(r => new { r.Day, r.Total });
            row.HasIndex(r => new { r.OwnerId, r.Day, r.Total });
        });

        modelBuilder.Entity<LinkDimensionDay>(row =>
        {
            row.HasKey(r => new { r.LinkId, r.Day, r.Dimension, r.Value });
            row.Property(r => r.Value).HasMaxLength(DimensionValueLength);
        });

        modelBuilder.Entity<LinkDimensionHour>(row =>
        {
            row.HasKey(r => new { r.LinkId, r.Hour, r.Dimension, r.Value });
            row.Property(r => r.Value).HasMaxLength(DimensionValueLength);
        });

        modelBuilder.Entity<LinkVisitorDay>(row => row.HasKey(r => new { r.LinkId, r.Day }));

        modelBuilder.Entity<AppliedBatch>(batch =>
        {
            batch.HasKey(b => b.BatchId);
            batch.HasIndex(b => b.AppliedAt);
        });

        modelBuilder.Entity<VisitProfile>(profile =>
        {
            profile.HasKey(p => new { p.LinkId, p.Hour, p.Referrer, p.Browser, p.Os, p.Device, p.Country });
            profile.Property(p => p.Referrer).HasMaxLength(255);
            profile.Property(p => p.Browser).HasMaxLength(64);
            profile.Property(p => p.Os).HasMaxLength(64);
            profile.Property(p => p.Device).HasMaxLength(32);
            profile.Property(p => p.Country).HasMaxLength(16);
        });

        modelBuilder.Entity<VisitRoute>(route => route.HasKey(r => new { r.LinkId, r.Hour, r.Route }));

        modelBuilder.Entity<DailyVisitor>(visitor => visitor.HasKey(v => new { v.LinkId, v.Day, v.VisitorHash }));

        modelBuilder.Entity<ClickCounter>(counter =>
        {
            counter.HasKey(c => c.Name);
            counter.Property(c => c.Name).HasMaxLength(32);
        });
    }

    /// <summary>The longest dimension value: a referrer host.</summary>
    public const int DimensionValueLength = 255;

    /// <summary>One column per count of <see cref="VisitorCounts"/>, as <c>visit_counts</c> names them.</summary>
    private static void CountColumns(ComplexPropertyBuilder<VisitorCounts> counts)
    {
        counts.Property(c => c.Total).HasColumnName(VisitorCounts.TotalColumn);
        foreach (var counter in VisitorCounts.Counters)
        {
            counts.Property<long>(counter.Property).HasColumnName(counter.Column);
        }
    }
}
