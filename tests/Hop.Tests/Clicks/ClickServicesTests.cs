using Hop.Clicks;
using Hop.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hop.Tests.Clicks;

public class ClickServicesTests
{
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
        Assert.Contains(errors, e => e.Contains("Clicks:BatchSize must be between 1 and 20000.", StringComparison.Ordinal));
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
