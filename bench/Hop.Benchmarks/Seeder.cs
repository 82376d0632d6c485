using System.Diagnostics;
using System.Globalization;
using Hop.Links;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Hop.Benchmarks;

/// <summary>
/// Fills a migrated, empty Hop database with generated links as fast as each provider allows (COPY on
/// PostgreSQL, one prepared statement in one transaction on SQLite). Codes are the real ones: ids
/// 0..count-1 through <see cref="CodePermutation"/> under the given key, which is stored as the
/// installation's code key, and the id counter is moved past them, so Hop keeps allocating after them.
/// </summary>
internal static class Seeder
{
    private const string Usage =
        "seed --provider Sqlite|Postgres --connection CS --key HEX --count N --hot N --hot-file PATH --all-file PATH";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!options.TryGetValue("provider", out var provider) || !options.TryGetValue("connection", out var connection)
            || !options.TryGetValue("key", out var keyText) || CodeKeys.TryParse(keyText) is not { } key)
        {
            await Console.Error.WriteLineAsync("usage: " + Usage);
            return 2;
        }

        var count = int.Parse(options.GetValueOrDefault("count", "1000000"), CultureInfo.InvariantCulture);
        var hot = int.Parse(options.GetValueOrDefault("hot", "100000"), CultureInfo.InvariantCulture);
        var codes = Codes(key, count);

        var clock = Stopwatch.StartNew();
        await SeedLinksAsync(provider, connection, key, codes, ownerId: null);
        Console.WriteLine($"seeded {count:N0} links into {provider} in {clock.Elapsed.TotalSeconds:F1} s");

        // The hot set: a fixed random sample, the same for every server in one run.
        var random = new Random(42);
        var sample = (string[])codes.Clone();
        random.Shuffle(sample);
        if (options.TryGetValue("hot-file", out var hotFile))
        {
            await File.WriteAllLinesAsync(hotFile, sample.Take(Math.Min(hot, count)).Select(c => "/" + c));
        }

        if (options.TryGetValue("all-file", out var allFile))
        {
            await File.WriteAllLinesAsync(allFile, sample.Select(c => "/" + c));
        }

        return 0;
    }

    public static string Target(string code) => "https://example.com/p/" + code;

    /// <summary>The codes of ids 0..count-1 under <paramref name="key"/>, as Hop allocates them.</summary>
    public static string[] Codes(byte[] key, int count)
    {
        var permutation = new CodePermutation(key);
        var codes = new string[count];
        for (var i = 0; i < count; i++)
        {
            codes[i] = ShortCode.Encode(permutation.Permute(i));
        }

        return codes;
    }

    /// <summary>Writes one link per code (owned by <paramref name="ownerId"/>, or by no one), stores the code
    /// key and moves the id counter past them.</summary>
    public static async Task SeedLinksAsync(string provider, string connection, byte[] key, string[] codes, long? ownerId)
    {
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            await SeedPostgresAsync(connection, codes, Convert.ToBase64String(key), ownerId);
        }
        else
        {
            SeedSqlite(connection, codes, Convert.ToBase64String(key), ownerId);
        }
    }

    private static async Task SeedPostgresAsync(string connectionString, string[] codes, string key, long? ownerId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var now = DateTime.UtcNow;
        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY links (code, target_url, is_custom_alias, owner_id, tags, redirect_status, forward_query, visit_count, "
            + "created_at, updated_at, version) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var code in codes)
            {
                await import.StartRowAsync();
                await import.WriteAsync(code, NpgsqlDbType.Varchar);
                await import.WriteAsync(Target(code), NpgsqlDbType.Varchar);
                await import.WriteAsync(false, NpgsqlDbType.Boolean);
                if (ownerId is { } owner)
                {
                    await import.WriteAsync(owner, NpgsqlDbType.Bigint);
                }
                else
                {
                    await import.WriteNullAsync();
                }

                await import.WriteAsync(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await import.WriteAsync(302, NpgsqlDbType.Integer);
                await import.WriteAsync(false, NpgsqlDbType.Boolean);
                await import.WriteAsync(0L, NpgsqlDbType.Bigint);
                await import.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await import.WriteAsync(now, NpgsqlDbType.TimestampTz);
                await import.WriteAsync(1, NpgsqlDbType.Integer);
            }

            await import.CompleteAsync();
        }

        await using var finish = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("UPDATE code_sequences SET next_id = $1 WHERE name = 'links'") { Parameters = { new() { Value = (long)codes.Length } } },
                new NpgsqlBatchCommand("INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                {
                    Parameters = { new() { Value = CodeKeys.SettingKey }, new() { Value = key } },
                },
                new NpgsqlBatchCommand("ANALYZE links"),
            },
        };
        await finish.ExecuteNonQueryAsync();
    }

    private static void SeedSqlite(string connectionString, string[] codes, string key, long? ownerId)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;");
        using (var transaction = connection.BeginTransaction())
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText =
                "INSERT INTO links (code, target_url, is_custom_alias, owner_id, tags, redirect_status, forward_query, visit_count, "
                + "created_at, updated_at, version) VALUES ($code, $target, 0, $owner, '[]', 302, 0, 0, $now, $now, 1)";
            var code = insert.Parameters.Add("$code", SqliteType.Text);
            var target = insert.Parameters.Add("$target", SqliteType.Text);
            insert.Parameters.AddWithValue("$owner", ownerId is { } owner ? owner : DBNull.Value);
            insert.Parameters.AddWithValue("$now", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
            insert.Prepare();
            foreach (var value in codes)
            {
                code.Value = value;
                target.Value = Target(value);
                insert.ExecuteNonQuery();
            }

            using var finish = connection.CreateCommand();
            finish.Transaction = transaction;
            finish.CommandText =
                "UPDATE code_sequences SET next_id = $count WHERE name = 'links';"
                + "INSERT INTO app_settings (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value;";
            finish.Parameters.AddWithValue("$count", (long)codes.Length);
            finish.Parameters.AddWithValue("$key", CodeKeys.SettingKey);
            finish.Parameters.AddWithValue("$value", key);
            finish.ExecuteNonQuery();
            transaction.Commit();
        }

        Execute(connection, "PRAGMA synchronous=FULL; ANALYZE;");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
