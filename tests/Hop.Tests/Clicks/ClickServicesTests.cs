using Hop.Clicks;
using Hop.Clicks.Writing;
using Hop.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hop.Tests.Clicks;

public class ClickServicesTests
{
    private const string Postgres = "Host=127.0.0.1;Database=hop";
    private const string Sqlite = "Data Source=:memory:";

    /// <summary>The clicks database is <c>Clicks:Database</c> when that names a connection string, else
    /// <c>Database</c>; only an in-process writer on PostgreSQL rests under saturation.</summary>
    [Theory]
    [InlineData("Sqlite", Sqlite, null, null, "InProcess", "Sqlite")]
    [InlineData("Postgres", Postgres, null, null, "InProcess", "Postgres")]
    [InlineData("Postgres", Postgres, null, null, "RabbitMq", "Postgres")]
    [InlineData("Postgres", Postgres, "Sqlite", Sqlite, "InProcess", "Sqlite")]
    [InlineData("Sqlite", Sqlite, "Postgres", Postgres, "InProcess", "Postgres")]
    [InlineData("Sqlite", Sqlite, "Postgres", null, "InProcess", "Sqlite")]
    public void The_store_follows_the_clicks_database_whatever_the_transport(
        string provider, string connectionString, string? clicksProvider, string? clicksConnectionString,
        string transport, string expectedStore)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(
        [
            new("Database:Provider", provider),
            new("Database:ConnectionString", connectionString),
            new("Clicks:Database:Provider", clicksProvider),
            new("Clicks:Database:ConnectionString", clicksConnectionString),
            new("Clicks:Transport", transport),
            new("Clicks:RabbitMq:Uri", "amqp://127.0.0.1/"),
        ]);
        builder.Services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        builder.AddData();
        builder.AddClicks();
        using var host = builder.Build();

        var store = host.Services.GetRequiredService<IVisitStore>();

        Assert.Equal(expectedStore == "Sqlite" ? typeof(SqliteVisitStore) : typeof(PostgresVisitStore), store.GetType());
    }

    [Fact]
    public void Bad_click_settings_are_reported_at_start_with_every_other_options_error()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(
        [
            new("Clicks:Transport", "Kafka"),
            new("Clicks:BatchSize", "0"),
            new("Database:Provider", "Postgres"),
        ]);

        // Registering reads no click setting, so nothing fails yet.
        builder.AddData();
        builder.AddClicks();
        using var host = builder.Build();

        var failure = Assert.Throws<AggregateException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());
        var errors = failure.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Contains(errors, e => e.Contains("Clicks:Transport must be InProcess or RabbitMq.", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Clicks:BatchSize must be between 1 and 100000.", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Database:ConnectionString is required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("InProcess", "InProcess")]
    [InlineData("rabbitmq", "RabbitMq")]
    public void A_transport_binds_by_name_in_any_case(string configured, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Transport", configured)])
            .Build();

        Assert.Equal(Enum.Parse<ClickTransportKind>(expected), configuration.Get<ClickOptions>()!.Transport);
    }
}
