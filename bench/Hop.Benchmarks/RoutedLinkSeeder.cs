using System.Data.Common;
using Hop.Hosting;
using Hop.Links.Routing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hop.Benchmarks;

/// <summary>
/// Gives every link of a seeded database the five rules and two variants of
/// <see cref="RuleEvaluationBenchmarks.RoutedLink"/>, stored as the API stores them, for the rules mode
/// of bench/redirect.sh.
/// </summary>
internal static class RoutedLinkSeeder
{
    private const string Usage = "route --provider Sqlite|Postgres --connection CS";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        if (!options.TryGetValue("provider", out var provider) || !options.TryGetValue("connection", out var connectionString))
        {
            await Console.Error.WriteLineAsync("usage: " + Usage);
            return 2;
        }

        var link = RuleEvaluationBenchmarks.RoutedLink(0, "x", "https://example.com/");
        var postgres = provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase);
        await using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = postgres
            ? "UPDATE links SET rules = $1, variants = $2"
            : "UPDATE links SET rules = $rules, variants = $variants";
        var rules = command.CreateParameter();
        rules.ParameterName = postgres ? "" : "$rules";
        rules.Value = RoutingColumns.Write(link.Rules, HopJsonContext.Default.ListRedirectRule);
        var variants = command.CreateParameter();
        variants.ParameterName = postgres ? "" : "$variants";
        variants.Value = RoutingColumns.Write(link.Variants, HopJsonContext.Default.ListVariant);
        command.Parameters.Add(rules);
        command.Parameters.Add(variants);
        var changed = await command.ExecuteNonQueryAsync();
        Console.WriteLine($"gave {changed:N0} links five rules and two variants in {provider}");
        return 0;
    }
}
