using System.Data.Common;
using System.Globalization;
using Hop.Safety;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hop.Benchmarks;

/// <summary>
/// <c>seed-links PROVIDER CONNECTION HOSTS-FILE COUNT</c>: inserts COUNT links, one to each host of
/// HOSTS-FILE (one a line) and the rest to unlisted hosts, for bench/blocklist-import.sh to disable.
/// </summary>
internal static class BlocklistLinkSeeder
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var provider, var connectionString, var hostsFile, var countText])
        {
            await Console.Error.WriteLineAsync("usage: seed-links Sqlite|Postgres CONNECTION HOSTS-FILE COUNT");
            return 2;
        }

        var listed = await File.ReadAllLinesAsync(hostsFile);
        var count = int.Parse(countText, CultureInfo.InvariantCulture);
        var postgres = provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase);
        await using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO links (code, target_url, target_host, host_key, is_custom_alias, tags, redirect_status, forward_query,
                               visit_count, created_at, updated_at, version)
            VALUES (@code, @url, @host, @key, TRUE, @tags, 302, FALSE, 0, @now, @now, 1)
            """;
        var code = Parameter(command, "@code");
        var url = Parameter(command, "@url");
        var host = Parameter(command, "@host");
        var key = Parameter(command, "@key");
        Parameter(command, "@tags").Value = postgres ? Array.Empty<string>() : "[]";
        Parameter(command, "@now").Value = DateTime.UtcNow;
        for (var i = 0; i < count; i++)
        {
            var name = i < listed.Length ? listed[i] : $"www.unlisted{i}.example";
            code.Value = $"bl{i:D7}";
            url.Value = $"https://{name}/page{i}";
            host.Value = name;
            key.Value = HostKeys.KeyOf(name);
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        Console.WriteLine($"seeded {count:N0} links, {Math.Min(count, listed.Length):N0} of them to listed hosts");
        return 0;
    }

    private static DbParameter Parameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
