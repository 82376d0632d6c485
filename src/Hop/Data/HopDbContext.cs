using Hop.Accounts;
using Hop.Domains;
using Hop.Links;
using Hop.Links.Routing;
using Hop.Safety;
using Hop.Safety.Blocklist;
using Hop.Safety.Reports;
using Hop.Safety.Targets;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Hop.Data;

/// <summary>
/// The model shared by both providers. Each provider has a subclass only so that it can own its
/// migrations set (Migrations/Sqlite, Migrations/Postgres).
/// </summary>
internal class HopDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Link> Links => Set<Link>();
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<Invite> Invites => Set<Invite>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<CodeSequence> CodeSequences => Set<CodeSequence>();
    public DbSet<AppSetting> AppSettings => Set<AppSetting>();
    public DbSet<AbuseReport> AbuseReports => Set<AbuseReport>();
    public DbSet<AbuseReportAction> AbuseReportActions => Set<AbuseReportAction>();
    public DbSet<BlocklistEntry> Blocklist => Set<BlocklistEntry>();
    public DbSet<Domain> Domains => Set<Domain>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Link>(link =>
        {
            link.HasIndex(l => new { l.DomainId, l.Code }).IsUnique();
            // A row written without a domain (raw SQL, an old script) belongs to the default one.
            link.Property(l => l.DomainId).HasDefaultValue(Domain.DefaultId);
            link.HasIndex(l => new { l.OwnerId, l.CreatedAt, l.Id });
            link.HasIndex(l => new { l.CreatedAt, l.Id });
            link.Property(l => l.Code).HasMaxLength(64);
            link.HasIndex(l => l.HostKey);
            link.HasIndex(l => l.BlockedBy);
            link.Property(l => l.TargetUrl).HasMaxLength(TargetUrl.HardMaxLength);
            link.Property(l => l.TargetHost).HasMaxLength(255);
            link.Property(l => l.HostKey).HasMaxLength(256);
            link.Property(l => l.Warning).HasMaxLength(200);
            link.Property(l => l.Title).HasMaxLength(200);
            link.Property(l => l.DisabledReason).HasMaxLength(500);
            link.Property(l => l.Version).IsConcurrencyToken();
            link.Property(l => l.Rules).HasConversion(RoutingColumns.Rules, RoutingColumns.RulesComparer);
            link.Property(l => l.Variants).HasConversion(RoutingColumns.Variants, RoutingColumns.VariantsComparer);
            link.Property(l => l.PreviewTitle).HasMaxLength(RoutingRules.MaxPreviewTitleLength);
            link.Property(l => l.PreviewDescription).HasMaxLength(RoutingRules.MaxPreviewDescriptionLength);
            link.Property(l => l.PreviewImage).HasMaxLength(TargetUrl.HardMaxLength);
            link.Ignore(l => l.Preview);
            link.HasOne<User>().WithMany().HasForeignKey(l => l.OwnerId).OnDelete(DeleteBehavior.Restrict);
            link.HasOne<Domain>().WithMany().HasForeignKey(l => l.DomainId).OnDelete(DeleteBehavior.Restrict);
        });

        modelBuilder.Entity<Domain>(domain =>
        {
            domain.HasIndex(d => d.Host).IsUnique();
            domain.Property(d => d.Host).HasMaxLength(Domain.MaxHostLength);
            domain.Property(d => d.RootRedirect).HasMaxLength(TargetUrl.HardMaxLength);
            domain.Property(d => d.NotFoundRedirect).HasMaxLength(TargetUrl.HardMaxLength);
        });

        modelBuilder.Entity<User>(user =>
        {
            user.HasIndex(u => u.Username).IsUnique();
            user.HasIndex(u => u.Email).IsUnique();
            user.Property(u => u.Username).HasMaxLength(64);
            user.Property(u => u.Email).HasMaxLength(254);
            user.Property(u => u.Role).HasMaxLength(16);
        });

        modelBuilder.Entity<ApiKey>(key =>
        {
            key.HasIndex(k => k.Prefix).IsUnique();
            key.HasIndex(k => k.UserId);
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.Prefix).HasMaxLength(32);
            key.HasOne<Domain>().WithMany().HasForeignKey(k => k.DomainId).OnDelete(DeleteBehavior.Restrict);
            key.HasOne<User>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<RefreshToken>(token =>
        {
            token.HasIndex(t => t.TokenHash).IsUnique();
            token.HasIndex(t => t.FamilyId);
            token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<Invite>(invite =>
        {
            invite.HasIndex(i => i.TokenHash).IsUnique();
            invite.Property(i => i.Role).HasMaxLength(16);
        });

        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.HasKey(r => new { r.Scope, r.Key });
            record.HasIndex(r => r.CreatedAt);
            record.Property(r => r.Scope).HasMaxLength(80);
            record.Property(r => r.Key).HasMaxLength(200);
            record.Property(r => r.ContentType).HasMaxLength(100);
            record.Property(r => r.Location).HasMaxLength(300);
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

        modelBuilder.Entity<AbuseReport>(report =>
        {
            report.ToTable("abuse_reports");
            report.HasIndex(r => new { r.Status, r.Id });
            report.HasIndex(r => new { r.LinkId, r.Status });
            report.Property(r => r.Code).HasMaxLength(64);
            report.Property(r => r.Reason).HasMaxLength(32);
            report.Property(r => r.Details).HasMaxLength(Safety.Reports.AbuseReports.MaxDetailsLength);
            report.Property(r => r.ReporterKey).HasMaxLength(64);
            report.Property(r => r.ContactEmail).HasMaxLength(Safety.Reports.AbuseReports.MaxEmailLength);
            report.Property(r => r.Status).HasMaxLength(16);
            report.HasOne<Link>().WithMany().HasForeignKey(r => r.LinkId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AbuseReportAction>(action =>
        {
            action.ToTable("abuse_report_actions");
            action.HasIndex(a => a.ReportId);
            action.Property(a => a.Action).HasMaxLength(32);
            action.Property(a => a.Note).HasMaxLength(ReportQueue.MaxNoteLength + 100);
            action.HasOne<AbuseReport>().WithMany().HasForeignKey(a => a.ReportId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<BlocklistEntry>(entry =>
        {
            entry.ToTable("blocked_domains");
            entry.HasIndex(e => e.Value).IsUnique();
            entry.Property(e => e.Value).HasMaxLength(BlocklistEntry.MaxValueLength);
            entry.Property(e => e.Reason).HasMaxLength(BlocklistEntry.MaxReasonLength);
            entry.Property(e => e.Source).HasMaxLength(BlocklistEntry.MaxSourceLength);
        });
    }
}
