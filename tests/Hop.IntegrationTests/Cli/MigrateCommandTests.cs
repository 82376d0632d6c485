using Hop.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hop.IntegrationTests.Cli;

public sealed class MigrateCommandTests
{
    private static readonly string[] ExpectedTables = ["links", "users", "api_keys", "code_sequences", "visits", "visit_counts"];

    [Fact]
    public async Task Migrate_creates_the_schema_on_postgres_and_is_idempotent()
    {
        var database = $"hop_migrate_{Guid.NewGuid():N}";
        await ExecuteAsync(TestServers.Postgres, $"CREATE DATABASE {database}");
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = database }.ConnectionString;
            var environment = new Dictionary<string, string>
            {
                ["HOP__DATABASE__PROVIDER"] = "Postgres",
                ["HOP__DATABASE__CONNECTIONSTRING"] = connectionString,
            };
            var (code, output) = await HopProcess.RunAsync(Path.GetTempPath(), environment, TimeSpan.FromMinutes(2), "migrate");
            Assert.True(code == 0, output);
            Assert.Contains("Applied", output, StringComparison.Ordinal);

            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", connection);
            var tables = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
            {
                while (await reader.ReadAsync(TestContext.Current.CancellationToken))
                {
                    tables.Add(reader.GetString(0));
                }
            }

            Assert.All(ExpectedTables, t => Assert.Contains(t, tables));

            (code, output) = await HopProcess.RunAsync(Path.GetTempPath(), environment, TimeSpan.FromMinutes(2), "migrate");
            Assert.True(code == 0, output);
            Assert.Contains("up to date", output, StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(TestServers.Postgres, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    [Fact]
    public async Task Migrate_with_no_configuration_creates_data_hop_db_in_the_working_directory()
    {
        var directory = Directory.CreateTempSubdirectory("hop-migrate-").FullName;
        try
        {
            var (code, output) = await HopProcess.RunAsync(directory, new Dictionary<string, string>(), TimeSpan.FromMinutes(2), "migrate");
            Assert.True(code == 0, output);
            var file = Path.Combine(directory, "data", "hop.db");
            Assert.True(File.Exists(file));

            await using var connection = new SqliteConnection($"Data Source={file}");
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
