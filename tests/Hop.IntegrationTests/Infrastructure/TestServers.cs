namespace Hop.IntegrationTests.Infrastructure;

/// <summary>
/// Where the servers that ./test.sh starts can be reached. A missing server is a failure, never a skip:
/// run the tests through ./test.sh, or export the variables yourself.
/// </summary>
internal static class TestServers
{
    public static string Postgres => Require("HOP_TEST_POSTGRES");

    /// <summary>host:port of the throwaway Redis.</summary>
    public static string Redis => Require("HOP_TEST_REDIS");

    /// <summary>Script taking stop | start | restart for that Redis.</summary>
    public static string RedisControl => Require("HOP_TEST_REDIS_CTL");

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the tests through ./test.sh, which starts the servers they need.");

    /// <summary>Creates an empty database of that name on the test PostgreSQL server.</summary>
    public static Task CreatePostgresDatabaseAsync(string name) => ExecutePostgresAsync($"CREATE DATABASE {name}");

    /// <summary>Drops the database, closing this process's pooled connections to it first.</summary>
    public static Task DropPostgresDatabaseAsync(string name)
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        return ExecutePostgresAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private static async Task ExecutePostgresAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
