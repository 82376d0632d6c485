using System.ComponentModel.DataAnnotations;

namespace Hop.Clicks;

internal sealed class ClickOptions : IValidatableObject
{
    public const string Section = "Clicks";

    public ClickTransportKind Transport { get; set; } = ClickTransportKind.InProcess;

    /// <summary>Events the in-process queue holds before new ones are dropped (and counted).</summary>
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>A batch is written when it holds this many events or <see cref="FlushInterval"/> has passed.</summary>
    public int BatchSize { get; set; } = 5_000;

    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Raw visits older than this are pruned; hourly counters are kept forever.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>Path of a MaxMind GeoIP2/GeoLite2 Country or City database (.mmdb); optional.</summary>
    public string? GeoIpDatabase { get; set; }

    /// <summary>A header a trusted proxy sets to the visitor's ISO country code, e.g. <c>CF-IPCountry</c>.
    /// Empty (the default) trusts no header, since a client could set it.</summary>
    public string? CountryHeader { get; set; }

    public RabbitMqClickOptions RabbitMq { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Transport))
        {
            yield return new("Clicks:Transport must be InProcess or RabbitMq.", [nameof(Transport)]);
        }

        if (QueueCapacity < 1)
        {
            yield return new("Clicks:QueueCapacity must be at least 1.", [nameof(QueueCapacity)]);
        }

        if (BatchSize is < 1 or > 20_000)
        {
            yield return new("Clicks:BatchSize must be between 1 and 20000.", [nameof(BatchSize)]);
        }

        if (FlushInterval <= TimeSpan.Zero)
        {
            yield return new("Clicks:FlushInterval must be positive (e.g. 00:00:01).", [nameof(FlushInterval)]);
        }

        if (RetentionDays < 1)
        {
            yield return new("Clicks:RetentionDays must be at least 1.", [nameof(RetentionDays)]);
        }

        if (GeoIpDatabase is { Length: > 0 } geo && !File.Exists(geo))
        {
            yield return new($"Clicks:GeoIpDatabase '{geo}' does not exist.", [nameof(GeoIpDatabase)]);
        }

        if (Transport == ClickTransportKind.RabbitMq
            && !Uri.TryCreate(RabbitMq.Uri, UriKind.Absolute, out _))
        {
            yield return new(
                "Clicks:RabbitMq:Uri must be an amqp:// URI when Clicks:Transport is RabbitMq.", ["RabbitMq.Uri"]);
        }

        if (string.IsNullOrWhiteSpace(RabbitMq.Exchange) || string.IsNullOrWhiteSpace(RabbitMq.Queue))
        {
            yield return new("Clicks:RabbitMq:Exchange and Clicks:RabbitMq:Queue must not be empty.", ["RabbitMq"]);
        }

        if (RabbitMq.Prefetch < 1)
        {
            yield return new("Clicks:RabbitMq:Prefetch must be at least 1.", ["RabbitMq.Prefetch"]);
        }
    }
}
