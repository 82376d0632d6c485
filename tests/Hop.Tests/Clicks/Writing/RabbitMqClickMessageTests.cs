using System.Text;
using System.Text.Json;
using Hop.Clicks;
using Hop.Clicks.Writing;
using Hop.Hosting;
using RabbitMQ.Client;

namespace Hop.Tests.Clicks.Writing;

/// <summary>A click batch as a RabbitMQ message: one message per batch, read back whole, cut into the
/// same parts under the same ids every time, and counted when it cannot be read.</summary>
public class RabbitMqClickMessageTests
{
    private static readonly DateTime At = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_batch_is_one_compressed_message_under_its_id_and_reads_back_whole()
    {
        var batch = Batch(500);

        var (properties, body) = RabbitMqClickMessage.Write(batch);
        var read = RabbitMqClickMessage.Read(properties, body);

        Assert.Equal(batch.Id.ToString(), properties.MessageId);
        Assert.True(properties.Persistent);
        Assert.Equal(RabbitMqClickMessage.BatchType, properties.Type);
        Assert.Equal("br", properties.ContentEncoding);
        Assert.Equal(500, RabbitMqClickMessage.EventsOf(properties));
        var json = JsonSerializer.SerializeToUtf8Bytes(batch, HopJsonContext.Default.ClickBatch);
        Assert.True(body.Length * 4 < json.Length, $"{body.Length} bytes compressed of {json.Length}");
        Assert.NotNull(read);
        Assert.Equal(batch.Id, read.Id);
        Assert.Equal(batch.Events, read.Events);
    }

    [Fact]
    public void A_batch_over_the_message_limit_is_cut_into_the_same_parts_under_the_same_ids_each_time()
    {
        var batch = Batch(RabbitMqClickMessage.MaxEvents * 2 + 1);

        var parts = RabbitMqClickMessage.Split(batch).ToList();
        var again = RabbitMqClickMessage.Split(batch).ToList();

        Assert.Equal([RabbitMqClickMessage.MaxEvents, RabbitMqClickMessage.MaxEvents, 1], parts.Select(p => p.Events.Count));
        Assert.Equal(batch.Events, parts.SelectMany(p => p.Events));
        Assert.Equal(batch.Id, parts[0].Id);
        Assert.Equal(3, parts.Select(p => p.Id).Distinct().Count());
        Assert.Equal(parts.Select(p => p.Id), again.Select(p => p.Id));
        Assert.NotEqual(parts[1].Id, RabbitMqClickMessage.Split(Batch(RabbitMqClickMessage.MaxEvents + 1)).ElementAt(1).Id);
        var fits = Batch(RabbitMqClickMessage.MaxEvents);
        Assert.Same(fits, Assert.Single(RabbitMqClickMessage.Split(fits)));
    }

    [Fact]
    public void An_unreadable_message_reads_as_nothing_and_counts_the_events_its_header_names()
    {
        var (properties, body) = RabbitMqClickMessage.Write(Batch(3));

        Assert.Null(RabbitMqClickMessage.Read(properties, body.AsSpan(0, body.Length / 2).ToArray()));
        Assert.Null(RabbitMqClickMessage.Read(properties, Encoding.UTF8.GetBytes("{\"id\":")));
        Assert.Null(RabbitMqClickMessage.Read(new BasicProperties(properties) { ContentEncoding = "zstd" }, body));
        Assert.Null(RabbitMqClickMessage.Read(new BasicProperties(properties) { Type = "other" }, body));
        Assert.Equal(3, RabbitMqClickMessage.EventsOf(properties));
        Assert.Equal(1, RabbitMqClickMessage.EventsOf(new BasicProperties()));
    }

    [Fact]
    public void A_click_message_from_before_batches_is_a_batch_of_one_under_its_message_id()
    {
        var id = Guid.Parse("0192f0c4-1d2e-7000-8000-000000000001");
        var properties = new BasicProperties { Type = RabbitMqClickMessage.ClickType, MessageId = id.ToString() };
        var body = """{"eventId":"0192f0c4-1d2e-7000-8000-000000000001","linkId":42,"occurredAt":"2026-12-01T12:00:00Z"}"""u8.ToArray();

        var read = RabbitMqClickMessage.Read(properties, body);

        Assert.NotNull(read);
        Assert.Equal(id, read.Id);
        Assert.Equal(42, Assert.Single(read.Events).LinkId);
        Assert.Null(RabbitMqClickMessage.Read(new BasicProperties(properties) { MessageId = null }, body));
    }

    private static ClickBatch Batch(int count) => new(
        Guid.CreateVersion7(),
        [.. Enumerable.Range(0, count).Select(i => new ClickEvent
        {
            LinkId = 1 + (i % 97),
            OccurredAt = At.AddMilliseconds(i),
            Referrer = i % 3 == 0 ? null : "https://news.example/",
            UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
            ClientIp = $"198.51.100.{i % 250}",
            AcceptLanguage = "en-US,en;q=0.9",
            Route = (short)(i % 2),
        })]);
}
