using Hop.Clicks;
using Hop.Data;
using Microsoft.EntityFrameworkCore;

namespace Hop.Tests.Clicks;

/// <summary>The stored model of the hourly counters agrees with <see cref="VisitorCounts.Counters"/>, and
/// the migrations are up to date with it, on both providers; besides its key and counts, a row has only its link's owner. Needs no database.</summary>
public class VisitCountModelTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Each_count_is_the_column_its_counter_names_and_visit_counts_has_no_other(string provider)
    {
        using var db = Context(provider);
        var entity = db.Model.FindEntityType(typeof(VisitCount))!;
        var counts = entity.FindComplexProperty(nameof(VisitCount.Counts))!.ComplexType;

        var expected = VisitorCounts.Counters.Select(c => (c.Property, c.Column))
            .Prepend((Property: nameof(VisitorCounts.Total), Column: VisitorCounts.TotalColumn));
        Assert.Equal(
            expected.OrderBy(c => c.Property, StringComparer.Ordinal),
            counts.GetProperties().Select(p => (p.Name, p.GetColumnName())).OrderBy(c => c.Name, StringComparer.Ordinal));
        Assert.Equal(
            new[] { "link_id", "hour", "owner_id" }.Concat(expected.Select(c => c.Column)).Order(StringComparer.Ordinal),
            db.Model.GetRelationalModel().FindTable("visit_counts", schema: null)!.Columns.Select(c => c.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_migrations_leave_no_model_change_pending(string provider)
    {
        using var db = Context(provider);

        Assert.False(db.Database.HasPendingModelChanges());
    }

    private static ClicksDbContext Context(string provider) => provider == "Sqlite"
        ? new SqliteClicksDesignTimeFactory().CreateDbContext([])
        : new PostgresClicksDesignTimeFactory().CreateDbContext([]);
}
