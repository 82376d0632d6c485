using Hop.Data;
using Microsoft.EntityFrameworkCore;

namespace Hop.Clicks.Writing;

/// <summary>
/// Click events in broker messages no worker could read, over every worker, ever (the
/// <see cref="ClickCounter"/> row <see cref="Counter"/>). Such a message is acked, since a redelivery
/// cannot make it readable, and its events count as dropped in the click accounting.
/// </summary>
internal static class UnreadableClicks
{
    public const string Counter = "unreadable";

    public static async Task AddAsync(ClicksDbContext db, long count, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO click_counters (name, value) VALUES ({Counter}, {count})
            ON CONFLICT (name) DO UPDATE SET value = click_counters.value + excluded.value
            """, ct);
}
