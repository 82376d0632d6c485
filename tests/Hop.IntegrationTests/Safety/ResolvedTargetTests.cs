using System.Net;
using System.Text.Json;
using Hop.IntegrationTests.Infrastructure;
using Hop.IntegrationTests.Links;
using Hop.Links;
using Microsoft.EntityFrameworkCore;

namespace Hop.IntegrationTests.Safety;

/// <summary>Safety:ResolveHosts through the app, with the test's names in place of DNS; runs once per database provider.</summary>
public abstract class ResolvedTargetTests(HopHost host) : IAsyncLifetime
{
    private TestUser _user = null!;

    public async ValueTask InitializeAsync() => _user = await host.CreateUserAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_name_is_refused_unless_every_address_it_resolves_to_is_public()
    {
        var client = _user.Client;
        var before = await host.WithDbAsync(db => db.Links.CountAsync(l => l.OwnerId == _user.Id, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Created, (await client.CreateLinkAsync(new { url = "https://public.example.com/x" })).StatusCode);
        await ExpectRefusedAsync(await client.CreateLinkAsync(new { url = "https://internal.example.com/x" }), "url", "internal.example.com resolves to 10.0.0.1");
        await ExpectRefusedAsync(await client.CreateLinkAsync(new { url = "https://mixed.example.com/x" }), "url", "resolves to fd00::1");
        await ExpectRefusedAsync(await client.CreateLinkAsync(new { url = "https://127.0.0.1.nip.io/" }), "url", "resolves to 127.0.0.1");
        await ExpectRefusedAsync(await client.CreateLinkAsync(new { url = "https://nowhere.example.com/" }), "url", "does not");

        // The other paths await the same check; the other fields' rules still run first.
        var batch = await (await client.PostRawAsync("/api/v1/links/batch", JsonSerializer.Serialize(new
        {
            items = new object[] { new { url = "https://internal.example.com/b" }, new { url = "https://example.com/b" } },
        }))).ReadJsonAsync();
        Assert.Equal([400, 201], batch.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetInt32()));
        var import = await (await client.PostRawAsync("/api/v1/links/import", "url\r\nhttps://internal.example.com/c\r\nhttps://example.com/c\r\n", contentType: "text/csv")).ReadJsonAsync();
        Assert.Equal([400, 201], import.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetInt32()));

        var code = await client.CreateCodeAsync(new { url = "https://example.com/p" });
        await ExpectRefusedAsync(await client.PatchLinkAsync(code, """{"target":"https://internal.example.com/p","title":"t"}"""), "target", "10.0.0.1");
        var unchanged = await (await client.GetLinkAsync(code)).ReadJsonAsync();
        Assert.Equal(("https://example.com/p", true), (unchanged.Str("url"), unchanged.IsAbsentOrNull("title")));
        var bothBad = await client.PatchLinkAsync(code, """{"target":"https://internal.example.com/p","maxVisits":0}""");
        Assert.Equal(HttpStatusCode.BadRequest, bothBad.StatusCode);
        Assert.True((await bothBad.ReadJsonAsync()).GetProperty("errors").TryGetProperty("maxVisits", out _));

        var after = await host.WithDbAsync(db => db.Links.CountAsync(l => l.OwnerId == _user.Id, TestContext.Current.CancellationToken));
        Assert.Equal(before + 4, after);
    }

    [Fact]
    public async Task Shorteners_are_accepted_when_allowed()
    {
        var response = await _user.Client.CreateLinkAsync(new { url = "https://bit.ly/3abc" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("https://bit.ly/3abc", (await response.ReadJsonAsync()).Str("url"));
    }

    private static async Task ExpectRefusedAsync(HttpResponseMessage response, string field, string reason)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var said = (await response.ReadJsonAsync()).GetProperty("errors").GetProperty(field)[0].GetString();
        Assert.StartsWith(field + " ", said, StringComparison.Ordinal);
        Assert.Contains(reason, said, StringComparison.Ordinal);
    }
}

public sealed class SqliteResolvedTargetTests(HopHost<Sqlite, ResolvedTargets> host)
    : ResolvedTargetTests(host), IClassFixture<HopHost<Sqlite, ResolvedTargets>>;

public sealed class PostgresResolvedTargetTests(HopHost<Postgres, ResolvedTargets> host)
    : ResolvedTargetTests(host), IClassFixture<HopHost<Postgres, ResolvedTargets>>;
