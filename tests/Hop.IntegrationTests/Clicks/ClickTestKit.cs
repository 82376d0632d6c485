using System.Globalization;
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

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
