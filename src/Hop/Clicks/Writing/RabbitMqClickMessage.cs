using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Hop.Hosting;
using RabbitMQ.Client;

namespace Hop.Clicks.Writing;

/// <summary>
/// A <see cref="ClickBatch"/> as one persistent RabbitMQ message: the batch as JSON
/// (<see cref="HopJsonContext"/>), Brotli-compressed at its fastest quality (about 9× smaller for
/// 5,000 clicks, and quicker to compress than gzip's fastest level); <c>MessageId</c> is the batch id
/// and the <see cref="EventsHeader"/> header says how many events it holds, so that a message no
/// worker can read is still counted.
/// </summary>
internal static class RabbitMqClickMessage
{
    public const string BatchType = "hop.clicks";

    /// <summary>One click per message, as publishers before batches sent them (MessageId = the event's id).
    /// Still read, so that a broker's backlog survives an upgrade.</summary>
    public const string ClickType = "hop.click";

    public const string EventsHeader = "hop-events";

    /// <summary>
    /// The most events one message holds; a larger batch travels as several. Even incompressible
    /// events (about 380 bytes of JSON each) keep a message near 4 MB, under RabbitMQ's 16 MiB default
    /// <c>max_message_size</c>; typical ones compress to about 40 bytes.
    /// </summary>
    public const int MaxEvents = 10_000;

    private const string Brotli = "br";

    /// <summary>
    /// <paramref name="batch"/> in parts of at most <see cref="MaxEvents"/> events. Each part is a batch
    /// of its own whose id follows from the batch's id and the part's place (the first keeps the
    /// batch's id), so a batch sent again after a failure is cut into the same parts under the same ids.
    /// </summary>
    public static IEnumerable<ClickBatch> Split(ClickBatch batch)
    {
        if (batch.Events.Count <= MaxEvents)
        {
            yield return batch;
            yield break;
        }

        for (int start = 0, part = 0; start < batch.Events.Count; start += MaxEvents, part++)
        {
            var events = batch.Events.Skip(start).Take(MaxEvents).ToArray();
            yield return new ClickBatch(part == 0 ? batch.Id : PartId(batch.Id, part), events);
        }
    }

    public static (BasicProperties Properties, byte[] Body) Write(ClickBatch batch)
    {
        using var body = new MemoryStream();
        using (var brotli = new BrotliStream(body, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(brotli, batch, HopJsonContext.Default.ClickBatch);
        }

        var properties = new BasicProperties
        {
            Persistent = true,
            MessageId = batch.Id.ToString(),
            Type = BatchType,
            ContentType = "application/json",
            ContentEncoding = Brotli,
            Headers = new Dictionary<string, object?> { [EventsHeader] = batch.Events.Count },
        };
        return (properties, body.ToArray());
    }

    /// <summary>The batch a message carries, or null when it cannot be read (unknown type or encoding,
    /// broken body, no id).</summary>
    public static ClickBatch? Read(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        try
        {
            return properties.Type switch
            {
                BatchType => ReadBatch(properties, body),
                ClickType when Guid.TryParse(properties.MessageId, out var id) =>
                    JsonSerializer.Deserialize(body.Span, HopJsonContext.Default.ClickEvent) is { } click
                        ? new ClickBatch(id, [click])
                        : null,
                _ => null,
            };
        }
        // A broken Brotli stream throws InvalidOperationException ("Decoder ran into invalid data").
        catch (Exception e) when (e is JsonException or InvalidDataException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>How many events a message holds by its header (1 without one), for counting one that cannot be read.</summary>
    public static int EventsOf(IReadOnlyBasicProperties properties) =>
        properties.Headers is { } headers && headers.TryGetValue(EventsHeader, out var value)
            ? value switch
            {
                int count and >= 0 => count,
                long count and >= 0 and <= int.MaxValue => (int)count,
                _ => 1,
            }
            : 1;

    private static ClickBatch? ReadBatch(IReadOnlyBasicProperties properties, ReadOnlyMemory<byte> body)
    {
        using Stream? stream = properties.ContentEncoding switch
        {
            Brotli => new BrotliStream(new MemoryStream(body.ToArray()), CompressionMode.Decompress),
            null or "" or "identity" => new MemoryStream(body.ToArray()),
            _ => null,
        };
        var batch = stream is null ? null : JsonSerializer.Deserialize(stream, HopJsonContext.Default.ClickBatch);
        return batch is { Events: { } events } && events.All(e => e is not null) ? batch : null;
    }

    /// <summary>A UUIDv8 (RFC 9562) from SHA-256 of the batch id and the part's place.</summary>
    private static Guid PartId(Guid batchId, int part)
    {
        Span<byte> input = stackalloc byte[20];
        batchId.TryWriteBytes(input, bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(input[16..], part);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
