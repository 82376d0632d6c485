using Hop.IntegrationTests.Infrastructure;

namespace Hop.IntegrationTests.Cli;

/// <summary>Bad settings stop <c>hop serve</c> before it listens, and every one of them is named at once.</summary>
public sealed class StartupOptionsTests : IDisposable
{
    private readonly TempDirectory _directory = new("hop-options-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Every_bad_setting_is_reported_at_once()
    {
        var environment = new Dictionary<string, string>
        {
            ["HOP__DATABASE__PROVIDER"] = "Oracle",
            ["HOP__CLICKS__TRANSPORT"] = "Kafka",
            ["HOP__CLICKS__BATCHSIZE"] = "0",
            ["HOP__LOGS__FORMAT"] = "Fancy",
            ["HOP__LINKS__PUBLICBASEURL"] = "ftp://hop.example",
        };

        var (code, output) = await HopProcess.RunAsync(_directory.Path, environment, TimeSpan.FromMinutes(1), "serve", "--urls", "http://127.0.0.1:0");

        Assert.NotEqual(0, code);
        Assert.Contains("Database:Provider must be Sqlite or Postgres", output, StringComparison.Ordinal);
        Assert.Contains("Clicks:Transport must be InProcess or RabbitMq", output, StringComparison.Ordinal);
        Assert.Contains("Clicks:BatchSize must be between 1 and 100000", output, StringComparison.Ordinal);
        Assert.Contains("Logs:Format must be Auto, Json or Text", output, StringComparison.Ordinal);
        Assert.Contains("Links:PublicBaseUrl must be an absolute http:// or https:// URL", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hop is ready", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_directory.Path, "data")), "nothing is written before the settings are checked");
    }
}
