using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Hop.Clicks;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hop.Benchmarks;

/// <summary>
/// <c>seed-stats --provider P --connection CS --one-owner U1 --many-owner U2 [--link-visits N] [--links N]
/// [--account-visits N] --expect FILE</c>: for bench/stats.sh, the stats of a large installation already
/// counted, as the click writer and compaction leave them (<see cref="StatsDataSet"/>), written in bulk
/// (<see cref="CounterRows"/>) into a migrated database whose users exist:
/// <list type="bullet">
/// <item>U1 owns one link, <see cref="BigLinkCode"/>, with N (10,000,000) visits over the 90 days before today
/// and today up to the current hour, every day;</item>
/// <item>U2 owns N (1,000,000) links with real codes (<see cref="Seeder"/>) sharing N (10,000,000) visits:
/// one each, the rest Zipf-like (the link of rank r gets 1/r of the first's); the hundred hottest every day,
/// the rest on the day they are shared and the few after.</item>
/// </list>
/// The account rows are written for U1, U2 and <see cref="StatsAccount.AllLinks"/>; the day watermark
/// (<see cref="CompactedDays.Counter"/>) is yesterday and the hour watermark (<see cref="CompactedHours.Counter"/>)
/// the hour before the current one. Prints the big link's code; writes to FILE the totals
/// and unique visitors each timed request must answer (and the bounds of the hourly window).
/// </summary>
internal static class StatsSeeder
{
    public const string BigLinkCode = "stats-10m";
    private const int Days = 90;
    private const int EvergreenRanks = 100;
    private const int ProgressEvery = 100_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!options.TryGetValue("provider", out var provider) || !options.TryGetValue("connection", out var connectionString)
            || !options.TryGetValue("one-owner", out var oneOwner) || !options.TryGetValue("many-owner", out var manyOwner)
            || !options.TryGetValue("expect", out var expectFile))
        {
            await Console.Error.WriteLineAsync(
                "usage: seed-stats --provider Sqlite|Postgres --connection CS --one-owner U1 --many-owner U2 [--link-visits N] [--links N] [--account-visits N] --expect FILE");
            return 2;
        }

        var linkVisits = int.Parse(options.GetValueOrDefault("link-visits", "10000000"), CultureInfo.InvariantCulture);
        var linkCount = int.Parse(options.GetValueOrDefault("links", "1000000"), CultureInfo.InvariantCulture);
        var accountVisits = long.Parse(options.GetValueOrDefault("account-visits", "10000000"), CultureInfo.InvariantCulture);
        var postgres = provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase);
        var clock = Stopwatch.StartNew();

        long oneId, manyId, bigLinkId;
        long[] linkIds;
        await using (DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            oneId = await UserIdAsync(connection, oneOwner);
            manyId = await UserIdAsync(connection, manyOwner);
            var key = RandomNumberGenerator.GetBytes(32);
            await Seeder.SeedLinksAsync(provider, connectionString, key, Seeder.Codes(key, linkCount), manyId);
            bigLinkId = await InsertBigLinkAsync(connection, postgres, oneId);
            linkIds = await OwnedLinksAsync(connection, manyId);
        }

        await Console.Error.WriteLineAsync($"{provider}: {linkIds.Length:N0} links and {BigLinkCode} in {clock.Elapsed.TotalSeconds:F0} s");

        var now = DateTime.UtcNow;
        var firstDay = DateOnly.FromDateTime(now).AddDays(-Days);
        var firstHour = firstDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var hours = Days * 24 + now.Hour + 1;
        var traffic = new StatsTraffic();
        StatsDataSet data;
        StatsAccountTotals big, many, all;
        using (CounterRows rows = postgres ? new PostgresCounterRows(connectionString, firstHour, hours) : new SqliteCounterRows(connectionString, firstHour, hours))
        {
            data = new StatsDataSet(traffic, rows, firstDay, hours);
            var one = data.NewAccount(oneId);
            many = data.NewAccount(manyId);
            all = data.NewAccount(StatsAccount.AllLinks);
            big = data.NewAccount(bigLinkId);
            data.AddLink(bigLinkId, oneId, linkVisits, evergreen: true, [one, all, big]);
            await Console.Error.WriteLineAsync($"{provider}: {BigLinkCode}'s {linkVisits:N0} visits drawn and written at {clock.Elapsed.TotalSeconds:F0} s");

            var shares = ZipfShares(accountVisits, linkIds.Length);
            var stride = Stride(linkIds.Length);
            for (var i = 0; i < linkIds.Length; i++)
            {
                // Ranks scattered over the ids, so the hot links are not the oldest ones.
                var rank = (int)(i * stride % linkIds.Length);
                data.AddLink(linkIds[i], manyId, shares[rank], rank < EvergreenRanks, [many, all]);
                if ((i + 1) % ProgressEvery == 0)
                {
                    await Console.Error.WriteLineAsync($"{provider}: {i + 1:N0} links at {clock.Elapsed.TotalSeconds:F0} s");
                }
            }

            data.WriteAccount(one);
            data.WriteAccount(many);
            data.WriteAccount(all);
            rows.CompactedThrough(data.Today - 1, data.LastClosedHour);
            rows.Complete();
        }

        if (postgres)
        {
            // A live database is vacuumed by autovacuum; a freshly loaded one is not yet.
            await using var source = NpgsqlDataSource.Create(connectionString);
            await using var vacuum = source.CreateCommand("VACUUM ANALYZE");
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync();
        }

        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{provider}: seeded {big.TotalFrom(0) + many.TotalFrom(0):N0} visits ({linkVisits:N0} on {BigLinkCode}, {accountVisits:N0} over {linkIds.Length:N0} links) "
            + $"in {clock.Elapsed.TotalSeconds:F0} s: {data.VisitRows:N0} visit_counts, {data.ProfileRows:N0} visit_profiles, "
            + $"{data.DailyRows:N0} daily_visitors, {data.VisitorRows:N0} link_days and link_visitor_days, {data.DimensionRows:N0} link_dimension_days, {data.HourDimensionRows:N0} link_dimension_hours rows"));

        var fromHour48 = hours - 1 - 48;
        var from30 = (Days - 30) * 24;
        await File.WriteAllLinesAsync(expectFile,
        [
            Expected("link-90d", big.TotalFrom(0), big.VisitorsFrom(0)),
            // Hours are named, so that the window stays the seeded one when the hour turns before it is asked for.
            Expected("link-48h", big.TotalFrom(fromHour48), null)
                + string.Create(CultureInfo.InvariantCulture, $" {firstHour.AddHours(fromHour48):yyyy-MM-ddTHH:mm:ssZ} {firstHour.AddHours(hours):yyyy-MM-ddTHH:mm:ssZ}"),
            Expected("user-90d", many.TotalFrom(0), many.VisitorsFrom(0)),
            Expected("user-30d", many.TotalFrom(from30), many.VisitorsFrom(Days - 30)),
            Expected("admin-90d", all.TotalFrom(0), all.VisitorsFrom(0)),
            Expected("admin-30d", all.TotalFrom(from30), all.VisitorsFrom(Days - 30)),
        ]);
        Console.WriteLine(BigLinkCode);
        return 0;
    }

    private static string Expected(string name, long total, long? visitors) =>
        string.Create(CultureInfo.InvariantCulture, $"{name} {total} {(visitors is { } v ? v : -1)}");

    /// <summary>The visits of each rank: one each (whoever made a link tried it), and the rest Zipf-like: the
    /// link of rank r (from 0) gets 1/(r+1) of the first's; what rounding leaves goes to the first, so they add
    /// up to <paramref name="total"/>.</summary>
    private static int[] ZipfShares(long total, int links)
    {
        var spread = Math.Max(0, total - links);
        var harmonic = 0.0;
        for (var r = 1; r <= links; r++)
        {
            harmonic += 1.0 / r;
        }

        var shares = new int[links];
        var sum = 0L;
        for (var r = 0; r < links; r++)
        {
            shares[r] = (total > links ? 1 : 0) + (int)(spread / harmonic / (r + 1));
            sum += shares[r];
        }

        if (links > 0)
        {
            shares[0] += (int)(total - sum);
        }

        return shares;
    }

    /// <summary>A step coprime to <paramref name="links"/>: i * step mod links visits every rank once.</summary>
    private static long Stride(int links)
    {
        var stride = 2_654_435_761L % Math.Max(1, links);
        while (links > 1 && (stride < 2 || Gcd(stride, links) != 1))
        {
            stride = (stride + 1) % links;
        }

        return stride;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    private static async Task<long> InsertBigLinkAsync(DbConnection connection, bool postgres, long ownerId)
    {
        var created = DateTime.UtcNow.AddDays(-Days - 1);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO links (code, target_url, is_custom_alias, owner_id, title, tags, redirect_status, forward_query, visit_count,
                               created_at, updated_at, version)
            VALUES (@code, @url, TRUE, @owner, 'The link of 10,000,000 visits', {(postgres ? "'{}'" : "'[]'")}, 302, FALSE, 0, @at, @at, 1)
            RETURNING id
            """;
        Add(command, "@code", BigLinkCode);
        Add(command, "@url", Seeder.Target(BigLinkCode));
        Add(command, "@owner", ownerId);
        Add(command, "@at", postgres ? created : created.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<long[]> OwnedLinksAsync(DbConnection connection, long ownerId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM links WHERE owner_id = @owner ORDER BY id";
        Add(command, "@owner", ownerId);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task<long> UserIdAsync(DbConnection connection, string username)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM users WHERE username = @u";
        Add(command, "@u", username);
        return await command.ExecuteScalarAsync() is { } id ? Convert.ToInt64(id, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"No user '{username}': create it first (hop users create).");
    }
}
