using System.Globalization;
using System.Text.Json;
using Hop.Clicks;
using Hop.Clicks.Writing;
using Hop.Data;
using Hop.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Clicks;

internal static class ClickTestKit
{
    /// <summary>Creates a link through the API with <paramref name="owner"/>'s key.</summary>
    public static async Task<(string Code, long Id)> CreateOwnedLinkAsync(this HopHost host, TestUser owner)
    {
        var ownerId = owner.Id;
        var created = await owner.Client.CreateLinkAsync(new { url = $"https://example.com/{Guid.NewGuid():N}" });
        created.EnsureSuccessStatusCode();
        var code = (await created.ReadJsonAsync()).Str("code");
        var id = await host.WithDbAsync(async db =>
        {
            var link = await db.Links.SingleAsync(l => l.Code == code);
            link.OwnerId = ownerId;
            await db.SaveChangesAsync();
            return link.Id;
        });
        return (code, id);
    }

    internal static async Task<T> WithClicksDbAsync<T>(this HopHost host, Func<ClicksDbContext, Task<T>> action)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ClicksDbContext>());
    }

    /// <summary>The events as one batch under a new id.</summary>
    public static ClickBatch Batch(params IReadOnlyList<ClickEvent> events) => new(Guid.CreateVersion7(), events);

    /// <summary>Writes the events as one new batch.</summary>
    public static Task<BatchResult> WriteAsync(this ClickBatchWriter writer, IReadOnlyList<ClickEvent> events, CancellationToken ct) =>
        writer.WriteAsync([Batch(events)], ct);

    /// <summary>The next server-sent event's data, parsed; fails after 30 s without one.</summary>
    public static async Task<JsonElement> NextDataAsync(StreamReader reader, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data:".Length..]).RootElement.Clone();
            }
        }

        throw new InvalidOperationException("The event stream ended.");
    }

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
