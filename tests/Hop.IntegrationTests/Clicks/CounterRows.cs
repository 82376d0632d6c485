using Hop.Clicks;
using Hop.Clicks.Stats;
using Hop.Data;
using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Clicks;

/// <summary>One visit as the counters see it.</summary>
internal sealed record CountedVisit(
    long LinkId, long? OwnerId, DateTime At, VisitorClass Class = VisitorClass.Human, string Referrer = VisitProfile.Direct,
    string Browser = "Chrome", string Os = "Windows", string Device = "Desktop", string Country = "DE", int Visitor = 1);

/// <summary>
/// Adds visits straight to the counter tables the way the batch writer counts them: the hourly link rows
/// (<see cref="VisitCount"/> with its owner, <see cref="VisitProfile"/>, <see cref="DailyVisitor"/> and the
/// daily <see cref="LinkVisitorDay"/> of a visitor new that day), the
/// account rows for the link's owner and for <see cref="StatsAccount.AllLinks"/>, and, for a visit of a day
/// at or below the compaction watermark, the daily link rows too, and for one of an hour at or below the
/// hour watermark (<see cref="CompactedHours"/>) the hourly top-list rows. So stats and compaction are tested on
/// counters alone.
/// </summary>
internal static class CounterRows
{
    public static async Task AddAsync(HopHost app, IEnumerable<CountedVisit> visits)
    {
        await app.WithClicksDbAsync(async db =>
        {
            var through = await ClickCompaction.ThroughAsync(db, TestContext.Current.CancellationToken);
            var hoursThrough = await ClickCompaction.HoursThroughAsync(db, TestContext.Current.CancellationToken);
            foreach (var visit in visits)
            {
                Add(db, visit, through, hoursThrough);
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return true;
        });
    }

    private static void Add(ClicksDbContext db, CountedVisit visit, DateOnly? through, DateTime? hoursThrough)
    {
        var hour = new DateTime(visit.At.Year, visit.At.Month, visit.At.Day, visit.At.Hour, 0, 0, DateTimeKind.Utc);
        var day = DateOnly.FromDateTime(hour);
        var counts = VisitorCounts.Of([visit.Class]);
        var late = day <= through;

        var count = db.VisitCounts.Find(visit.LinkId, hour)
                    ?? db.VisitCounts.Add(new VisitCount { LinkId = visit.LinkId, Hour = hour, OwnerId = visit.OwnerId }).Entity;
        count.Counts += counts;

        var profile = db.VisitProfiles.Find(visit.LinkId, hour, visit.Referrer, visit.Browser, visit.Os, visit.Device, visit.Country)
                      ?? db.VisitProfiles.Add(new VisitProfile
                      {
                          LinkId = visit.LinkId, Hour = hour, Referrer = visit.Referrer, Browser = visit.Browser, Os = visit.Os,
                          Device = visit.Device, Country = visit.Country,
                      }).Entity;
        profile.Count++;

        var hash = new byte[32];
        BitConverter.TryWriteBytes(hash, visit.Visitor);
        var newVisitor = db.DailyVisitors.Find(visit.LinkId, day, hash) is null;
        if (newVisitor)
        {
            db.DailyVisitors.Add(new DailyVisitor { LinkId = visit.LinkId, Day = day, VisitorHash = hash });
            var visitors = db.LinkVisitorDays.Find(visit.LinkId, day)
                           ?? db.LinkVisitorDays.Add(new LinkVisitorDay { LinkId = visit.LinkId, Day = day }).Entity;
            visitors.Visitors++;
        }

        string[] values = [visit.Referrer, visit.Browser, visit.Os, visit.Device, visit.Country];
        if (late)
        {
            var linkDay = db.LinkDays.Find(visit.LinkId, day)
                          ?? db.LinkDays.Add(new LinkDay { LinkId = visit.LinkId, Day = day, OwnerId = visit.OwnerId }).Entity;
            linkDay.Total++;
            for (var d = 0; d < values.Length; d++)
            {
                var row = db.LinkDimensionDays.Find(visit.LinkId, day, (StatsDimension)d, values[d])
                          ?? db.LinkDimensionDays.Add(new LinkDimensionDay
                          {
                              LinkId = visit.LinkId, Day = day, Dimension = (StatsDimension)d, Value = values[d],
                          }).Entity;
                row.Count++;
            }

        }

        if (hour <= hoursThrough)
        {
            for (var d = 0; d < values.Length; d++)
            {
                var row = db.LinkDimensionHours.Find(visit.LinkId, hour, (StatsDimension)d, values[d])
                          ?? db.LinkDimensionHours.Add(new LinkDimensionHour
                          {
                              LinkId = visit.LinkId, Hour = hour, Dimension = (StatsDimension)d, Value = values[d],
                          }).Entity;
                row.Count++;
            }
        }

        long[] accounts = visit.OwnerId is { } owner ? [owner, StatsAccount.AllLinks] : [StatsAccount.AllLinks];
        foreach (var account in accounts)
        {
            var accountCount = db.AccountCounts.Find(account, hour)
                               ?? db.AccountCounts.Add(new AccountCount { AccountId = account, Hour = hour }).Entity;
            accountCount.Counts += counts;
            for (var d = 0; d < values.Length; d++)
            {
                var hourly = db.AccountDimensions.Find(account, hour, (StatsDimension)d, values[d])
                             ?? db.AccountDimensions.Add(new AccountDimension
                             {
                                 AccountId = account, Hour = hour, Dimension = (StatsDimension)d, Value = values[d],
                             }).Entity;
                hourly.Count++;
                var daily = db.AccountDimensionDays.Find(account, day, (StatsDimension)d, values[d])
                            ?? db.AccountDimensionDays.Add(new AccountDimensionDay
                            {
                                AccountId = account, Day = day, Dimension = (StatsDimension)d, Value = values[d],
                            }).Entity;
                daily.Count++;
            }

            if (newVisitor)
            {
                var visitors = db.AccountVisitorDays.Find(account, day)
                               ?? db.AccountVisitorDays.Add(new AccountVisitorDay { AccountId = account, Day = day }).Entity;
                visitors.Visitors++;
            }
        }
    }
}
