using System.ComponentModel.DataAnnotations;

namespace Hop.Clicks;

internal sealed class ClickOptions : IValidatableObject
{
    public const string Section = "Clicks";

    public ClickTransportKind Transport { get; set; } = ClickTransportKind.InProcess;

    /// <summary>Events the in-process queue holds before new ones are dropped (and counted).</summary>
    public int QueueCapacity { get; set; } = 100_000;

    public const int MaxBatchSize = 100_000;

    /// <summary>A batch is written when it holds this many events or <see cref="FlushInterval"/> has passed.
    /// A batch costs a row per distinct counter key, not per click, so a bigger one costs less per click
    /// (bench write-clicks, SQLite, 100 links, raw visits on: about 14 µs a click in batches of 5,000, 8 µs of
    /// 20,000, 6 µs of 50,000);
    /// half the queue, so that the queue takes a whole batch more while one is written.</summary>
    public int BatchSize { get; set; } = 50_000;

    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Which visits are also kept as raw rows (<c>visits</c>); the counters count every visit either way.</summary>
    public RawVisitMode RawVisits { get; set; } = RawVisitMode.All;

    /// <summary>With <see cref="RawVisitMode.Sample"/>, one visit in this many is kept, its row saying so.</summary>
    public int RawVisitSampleRate { get; set; } = 100;

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

        if (BatchSize is < 1 or > MaxBatchSize)
        {
            yield return new($"Clicks:BatchSize must be between 1 and {MaxBatchSize}.", [nameof(BatchSize)]);
        }

        if (!Enum.IsDefined(RawVisits))
        {
            yield return new("Clicks:RawVisits must be All, Sample or Off.", [nameof(RawVisits)]);
        }

        if (RawVisitSampleRate is < 2 or > 10_000)
        {
            yield return new("Clicks:RawVisitSampleRate must be between 2 and 10000.", [nameof(RawVisitSampleRate)]);
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
