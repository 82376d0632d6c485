using System.Globalization;
using Hop.Accounts;
using Hop.Data;
using Hop.Links;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Infrastructure;

/// <summary>Settings that make the click pipeline quick to observe in tests.</summary>
internal static class ClickTestSettings
{
    public static IEnumerable<KeyValuePair<string, string>> Fast =>
    [
        new("Clicks:BatchSize", "50"),
        new("Clicks:FlushInterval", "00:00:00.100"),
        new("Clicks:CountryHeader", "CF-IPCountry"),
    ];
}

public class SqliteClicksFactory : SqliteHopFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => ClickTestSettings.Fast;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.AddTestClientIp();
    }
}

public class PostgresClicksFactory : PostgresHopFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => ClickTestSettings.Fast;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.AddTestClientIp();
    }
}

/// <summary>Batches that would wait ten minutes: only the shutdown drain writes them.</summary>
internal static class SlowFlushSettings
{
    public static IEnumerable<KeyValuePair<string, string>> All =>
    [
        .. ClickTestSettings.Fast,
        new("Clicks:BatchSize", "5000"),
        new("Clicks:FlushInterval", "00:10:00"),
    ];
}

public sealed class SqliteSlowFlushClicksFactory : SqliteClicksFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => SlowFlushSettings.All;
}

public sealed class PostgresSlowFlushClicksFactory : PostgresClicksFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => SlowFlushSettings.All;
}

internal static class ClickTestKit
{
    /// <summary>Creates a link through the API with <paramref name="owner"/>'s key.</summary>
    public static async Task<(string Code, long Id)> CreateOwnedLinkAsync(this HopFactory factory, TestUser owner)
    {
        var ownerId = owner.Id;
        var created = await owner.Client.CreateLinkAsync(new { url = $"https://example.com/{Guid.NewGuid():N}" });
        created.EnsureSuccessStatusCode();
        var code = (await created.ReadJsonAsync()).Str("code");
        var id = await factory.WithDbAsync(async db =>
        {
            var link = await db.Links.SingleAsync(l => l.Code == code);
            link.OwnerId = ownerId;
            await db.SaveChangesAsync();
            return link.Id;
        });
        return (code, id);
    }

    internal static async Task<T> WithClicksDbAsync<T>(this HopFactory factory, Func<ClicksDbContext, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ClicksDbContext>());
    }

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting for {what}.");
            }

            await Task.Delay(50);
        }
    }

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
