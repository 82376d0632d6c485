using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Hop.Accounts;
using Hop.Safety;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hop.Benchmarks;

/// <summary>
/// <c>seed-pages --provider P --connection CS --links N --visits N --username U --password PW</c>: for
/// bench/pages.sh, an admin U (password PW) owning N links, and N visits already counted (the hourly
/// <c>visit_counts</c>, <c>visit_profiles</c> and <c>daily_visitors</c> rows the stats pages read, and
/// each link's visit_count), written with set-based SQL in seconds rather than through the click
/// pipeline. A fifth of the visits go to the first link over 90 days of hours (the link page measured);
/// the rest spread over the other links, eight hours each. Prints the first link's id and code.
/// </summary>
internal static class PageSeeder
{
    private const int StatsHours = 90 * 24;
    private const int HoursPerOtherLink = 8;

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!options.TryGetValue("provider", out var provider) || !options.TryGetValue("connection", out var connectionString)
            || !options.TryGetValue("username", out var username) || !options.TryGetValue("password", out var password))
        {
            await Console.Error.WriteLineAsync("usage: seed-pages --provider Sqlite|Postgres --connection CS --links N --visits N --username U --password PW");
            return 2;
        }

        var links = int.Parse(options.GetValueOrDefault("links", "10000"), CultureInfo.InvariantCulture);
        var visits = long.Parse(options.GetValueOrDefault("visits", "1000000"), CultureInfo.InvariantCulture);
        var postgres = provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase);
        var clock = Stopwatch.StartNew();
        await using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var hash = new PasswordHashing(Options.Create(new PasswordHasherOptions())).Hash(password);
        var now = DateTime.UtcNow;
        var userId = Convert.ToInt64(await ScalarAsync(connection, transaction,
            "INSERT INTO users (username, email, password_hash, role, created_at) VALUES (@u, @e, @h, @r, @now) RETURNING id",
            ("@u", username), ("@e", username + "@bench.example"), ("@h", hash), ("@r", Roles.Admin), ("@now", now)), CultureInfo.InvariantCulture);

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO links (code, target_url, target_host, host_key, is_custom_alias, owner_id, title, tags, redirect_status,
                                   forward_query, visit_count, created_at, updated_at, version)
                VALUES (@code, @url, @host, @key, TRUE, @owner, @title, @tags, 302, FALSE, 0, @at, @at, 1)
                """;
            var code = Add(insert, "@code", "");
            var url = Add(insert, "@url", "");
            var host = Add(insert, "@host", "");
            var key = Add(insert, "@key", "");
            var title = Add(insert, "@title", "");
            var tags = Add(insert, "@tags", "");
            var at = Add(insert, "@at", now);
            Add(insert, "@owner", userId);
            for (var i = 0; i < links; i++)
            {
                var name = $"site{i % 500}.example";
                code.Value = $"pg{i:D6}";
                url.Value = $"https://{name}/articles/{i}/a-somewhat-long-path-like-real-ones?utm_source=bench&id={i}";
                host.Value = name;
                key.Value = HostKeys.KeyOf(name);
                title.Value = $"Bench link {i}: {(i % 3 == 0 ? "release notes" : i % 3 == 1 ? "pricing page" : "blog post")}";
                string[] tagList = [$"team{i % 10}", i % 2 == 0 ? "even" : "odd"];
                tags.Value = postgres ? tagList : "[\"" + string.Join("\",\"", tagList) + "\"]";
                at.Value = now.AddMinutes(-i);
                await insert.ExecuteNonQueryAsync();
            }
        }

        var first = Convert.ToInt64(await ScalarAsync(connection, transaction, "SELECT min(id) FROM links WHERE owner_id = @o", ("@o", userId)), CultureInfo.InvariantCulture);
        var statsVisits = visits / 5;
        var perStatsHour = Math.Max(1, statsVisits / StatsHours);
        var perOtherHour = Math.Max(1, (visits - statsVisits) / Math.Max(1, (long)(links - 1) * HoursPerOtherLink));
        var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, 0, 0, DateTimeKind.Utc).AddHours(-StatsHours);
        foreach (var sql in postgres ? PostgresCounters : SqliteCounters)
        {
            await ExecuteAsync(connection, transaction, sql,
                ("@first", first), ("@last", first + links - 1), ("@owner", userId), ("@statsHours", StatsHours), ("@otherHours", HoursPerOtherLink),
                ("@perStats", perStatsHour), ("@perOther", perOtherHour), ("@start", start));
        }

        await transaction.CommitAsync();
        await ExecuteAsync(connection, null, postgres ? "ANALYZE" : "ANALYZE");
        var stored = Convert.ToInt64(await ScalarAsync(connection, null, "SELECT coalesce(sum(total), 0) FROM visit_counts"), CultureInfo.InvariantCulture);
        Console.Error.WriteLine($"seeded {links:N0} links and {stored:N0} counted visits into {provider} in {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"{first} pg000000");
        return 0;
    }

    // Hours as the stores write them: SQLite text 'yyyy-MM-dd HH:00:00', PostgreSQL timestamptz.
    private static readonly string[] SqliteCounters =
    [
        """
        WITH RECURSIVE h(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM h WHERE n + 1 < @statsHours)
        INSERT INTO visit_counts (link_id, hour, total, humans, bots, unfurlers, mail_scanners, prefetches)
        SELECT @first, strftime('%Y-%m-%d %H:00:00', @start, '+' || n || ' hours'),
               @perStats, @perStats * 8 / 10, @perStats - @perStats * 8 / 10 - @perStats / 20, @perStats / 20, 0, 0 FROM h
        """,
        """
        WITH RECURSIVE h(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM h WHERE n + 1 < @otherHours)
        INSERT INTO visit_counts (link_id, hour, total, humans, bots, unfurlers, mail_scanners, prefetches)
        SELECT l.id, strftime('%Y-%m-%d %H:00:00', @start, '+' || (@statsHours - 1 - n * 7 - l.id % 5) || ' hours'),
               @perOther, @perOther * 8 / 10, @perOther - @perOther * 8 / 10, 0, 0, 0
        FROM links l, h WHERE l.owner_id = @owner AND l.id > @first
        """,
        """
        INSERT INTO visit_profiles (link_id, hour, referrer, browser, os, device, country, "count")
        SELECT link_id, hour,
               CASE abs(link_id + CAST(substr(hour, 12, 2) AS INTEGER)) % 6 WHEN 0 THEN '(direct)' WHEN 1 THEN 'news.ycombinator.com' WHEN 2 THEN 't.co'
                    WHEN 3 THEN 'www.google.com' WHEN 4 THEN 'www.reddit.com' ELSE 'lobste.rs' END,
               CASE CAST(substr(hour, 9, 2) AS INTEGER) % 4 WHEN 0 THEN 'Chrome' WHEN 1 THEN 'Firefox' WHEN 2 THEN 'Safari' ELSE 'Edge' END,
               CASE CAST(substr(hour, 12, 2) AS INTEGER) % 4 WHEN 0 THEN 'Windows' WHEN 1 THEN 'macOS' WHEN 2 THEN 'Android' ELSE 'iOS' END,
               CASE CAST(substr(hour, 12, 2) AS INTEGER) % 3 WHEN 0 THEN 'desktop' WHEN 1 THEN 'mobile' ELSE 'tablet' END,
               CASE CAST(substr(hour, 6, 2) AS INTEGER) % 5 WHEN 0 THEN 'DE' WHEN 1 THEN 'US' WHEN 2 THEN 'FR' WHEN 3 THEN 'JP' ELSE 'BR' END,
               total
        FROM visit_counts WHERE link_id BETWEEN @first AND @last
        """,
        """
        WITH RECURSIVE v(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM v WHERE n + 1 < 40)
        INSERT INTO daily_visitors (link_id, day, visitor_hash)
        SELECT DISTINCT link_id, substr(hour, 1, 10), CAST(printf('%016x%04x', link_id, n) AS BLOB)
        FROM visit_counts, v WHERE link_id BETWEEN @first AND @last AND (link_id = @first OR n < 3)
        """,
        """
        UPDATE links SET visit_count = (SELECT coalesce(sum(total), 0) FROM visit_counts c WHERE c.link_id = links.id) WHERE owner_id = @owner
        """,
    ];

    private static readonly string[] PostgresCounters =
    [
        """
        INSERT INTO visit_counts (link_id, hour, total, humans, bots, unfurlers, mail_scanners, prefetches)
        SELECT @first, @start + make_interval(hours => n), @perStats, @perStats * 8 / 10, @perStats - @perStats * 8 / 10 - @perStats / 20, @perStats / 20, 0, 0
        FROM generate_series(0, @statsHours - 1) n
        """,
        """
        INSERT INTO visit_counts (link_id, hour, total, humans, bots, unfurlers, mail_scanners, prefetches)
        SELECT l.id, @start + make_interval(hours => (@statsHours - 1 - n * 7 - (l.id % 5)::int)), @perOther, @perOther * 8 / 10, @perOther - @perOther * 8 / 10, 0, 0, 0
        FROM links l, generate_series(0, @otherHours - 1) n WHERE l.owner_id = @owner AND l.id > @first
        """,
        """
        INSERT INTO visit_profiles (link_id, hour, referrer, browser, os, device, country, "count")
        SELECT link_id, hour,
               (ARRAY['(direct)', 'news.ycombinator.com', 't.co', 'www.google.com', 'www.reddit.com', 'lobste.rs'])[1 + (link_id + extract(hour FROM hour)::int) % 6],
               (ARRAY['Chrome', 'Firefox', 'Safari', 'Edge'])[1 + extract(day FROM hour)::int % 4],
               (ARRAY['Windows', 'macOS', 'Android', 'iOS'])[1 + extract(hour FROM hour)::int % 4],
               (ARRAY['desktop', 'mobile', 'tablet'])[1 + extract(hour FROM hour)::int % 3],
               (ARRAY['DE', 'US', 'FR', 'JP', 'BR'])[1 + extract(month FROM hour)::int % 5],
               total
        FROM visit_counts WHERE link_id BETWEEN @first AND @last
        """,
        """
        INSERT INTO daily_visitors (link_id, day, visitor_hash)
        SELECT DISTINCT link_id, (hour AT TIME ZONE 'UTC')::date, decode(lpad(to_hex(link_id), 16, '0') || lpad(to_hex(n), 4, '0'), 'hex')
        FROM visit_counts, generate_series(0, 39) n WHERE link_id BETWEEN @first AND @last AND (link_id = @first OR n < 3)
        """,
        """
        UPDATE links SET visit_count = c.sum FROM (SELECT link_id, sum(total) AS sum FROM visit_counts GROUP BY link_id) c
        WHERE c.link_id = links.id AND links.owner_id = @owner
        """,
    ];

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        return command;
    }
}
