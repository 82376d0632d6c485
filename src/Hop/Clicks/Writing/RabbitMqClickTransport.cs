using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Hop.Clicks.Writing;

/// <summary>
/// Publishes each batch as one persistent message (<see cref="RabbitMqClickMessage"/>; a batch larger
/// than <see cref="RabbitMqClickMessage.MaxEvents"/> as several) on one long-lived channel with
/// publisher confirms, to the exchange whose queue <c>hop worker</c>'s <see cref="RabbitMqClickConsumer"/>
/// reads; a batch counts as sent only when the broker has confirmed every message of it. Any failure
/// drops the connection, and the pump retries the batch, under the same id, on a new one (a message
/// confirmed before the failure is then published twice, and the writer skips the second by its id).
/// </summary>
internal sealed partial class RabbitMqClickTransport(IOptions<ClickOptions> options, ILogger<RabbitMqClickTransport> logger)
    : IClickTransport, IAsyncDisposable
{
    private readonly RabbitMqClickOptions _options = options.Value.RabbitMq;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IConnection? _connection;
    private IChannel? _channel;

    public async Task SendAsync(ClickBatch batch, CancellationToken ct)
    {
        var messages = RabbitMqClickMessage.Split(batch).Select(RabbitMqClickMessage.Write).ToList();
        await _gate.WaitAsync(ct);
        try
        {
            var channel = await EnsureChannelAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(_options.PublishTimeout);
            var confirms = messages
                .Select(m => channel.BasicPublishAsync(_options.Exchange, "", false, m.Properties, m.Body, timeout.Token).AsTask())
                .ToList();
            await Task.WhenAll(confirms);
        }
        catch
        {
            await ResetAsync();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IChannel> EnsureChannelAsync(CancellationToken ct)
    {
        if (_channel is { IsOpen: true } open)
        {
            return open;
        }

        await ResetAsync();
        _connection = await RabbitMqTopology.Factory(_options, "hop-serve").CreateConnectionAsync(ct);
        _channel = await _connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
        await RabbitMqTopology.DeclareAsync(_channel, _options, ct);
        Connected(logger, _options.Exchange);
        return _channel;
    }

    private async Task ResetAsync()
    {
        var (channel, connection) = (_channel, _connection);
        (_channel, _connection) = (null, null);
        try
        {
            if (channel is not null)
            {
                await channel.DisposeAsync();
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
        catch (Exception e)
        {
            CloseFailed(logger, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync();
        _gate.Dispose();
    }

    [LoggerMessage(EventId = 520, Level = LogLevel.Information, Message = "Publishing clicks to RabbitMQ exchange {Exchange}")]
    private static partial void Connected(ILogger logger, string exchange);

    [LoggerMessage(EventId = 521, Level = LogLevel.Debug, Message = "Closing a broken RabbitMQ connection failed")]
    private static partial void CloseFailed(ILogger logger, Exception exception);
}
