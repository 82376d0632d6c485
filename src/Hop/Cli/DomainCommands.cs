using System.CommandLine;
using System.Globalization;
using System.Text;
using Hop.Domains;
using Hop.Observability;
using Hop.Redirects;
using Hop.Safety;
using Hop.Safety.Blocklist;
using Hop.Safety.Targets;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hop.Cli;

/// <summary>
/// <c>hop domains add|list|remove</c>. The verbs change the database and bump the change counter, so
/// running instances serve the change within Domains:PollInterval, or at once over Redis when it is configured.
/// </summary>
internal static partial class HopCli
{
    private static Command DomainsCommand()
    {
        var host = new Argument<string>("host") { Description = "a public DNS name pointed at Hop (Unicode or punycode)" };
        var root = new Option<string?>("--root-redirect") { Description = "where / sends visitors (default: the 404 page)" };
        var notFound = new Option<string?>("--not-found-redirect") { Description = "where an unknown code sends visitors (default: the 404 page)" };
        var http = new Option<bool>("--http") { Description = "hand out http:// short URLs instead of https://" };
        var access = new Option<string?>("--access") { Description = "who may create links on it: everyone (default), admins or users" };
        var users = new Option<long[]>("--user") { Description = "a user id allowed when --access is users (repeatable)", AllowMultipleArgumentsPerToken = true };
        var add = new Command("add", "Add a domain Hop answers on.") { host, root, notFound, http, access, users };
        add.SetAction((parse, ct) => WithDomainsAsync(async (store, _) =>
        {
            var written = await store.AddAsync(new DomainRequest
            {
                Host = parse.GetValue(host),
                Https = !parse.GetValue(http),
                RootRedirect = parse.GetValue(root),
                NotFoundRedirect = parse.GetValue(notFound),
                Access = parse.GetValue(access),
                Users = parse.GetValue(users),
            }, ct);
            switch (written.Status)
            {
                case DomainWriteStatus.Invalid:
                    return Fail(string.Join(Environment.NewLine, written.Errors!.Values.SelectMany(e => e)));
                case DomainWriteStatus.HostTaken:
                    return Fail($"{written.Domain!.Host} is already a domain.");
                default:
                    await Console.Out.WriteLineAsync($"Added {written.Domain!.Host} (id {written.Domain.Id}).");
                    return 0;
            }
        }, ct));

        var domain = new Argument<string>("domain") { Description = "the domain's id (see `hop domains list`) or its host" };
        var remove = new Command("remove", "Remove a domain without links or API keys (the default domain stays).") { domain };
        remove.SetAction((parse, ct) => WithDomainsAsync(async (store, _) =>
        {
            var text = parse.GetValue(domain)!;
            var id = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : await store.FindIdAsync(text, ct);
            var written = id is null ? new DomainWrite(DomainWriteStatus.NotFound) : await store.RemoveAsync(id.Value, ct);
            return written.Status switch
            {
                DomainWriteStatus.Done => await PrintAsync($"Removed {written.Domain!.Host}."),
                DomainWriteStatus.IsDefault => Fail("The default domain cannot be removed: its host comes from Links:PublicBaseUrl."),
                DomainWriteStatus.HasLinks => Fail($"{written.Domain!.Host} has links or API keys limited to it, so it cannot be removed."),
                _ => Fail($"No domain '{text}'."),
            };
        }, ct));

        var list = new Command("list", "List the domains, the default one first.");
        list.SetAction((parse, ct) => WithDomainsAsync(async (store, _) =>
        {
            var table = new StringBuilder("ID\tHOST\tDEFAULT\tSCHEME\tACCESS\tROOT\tNOT FOUND\n");
            foreach (var d in await store.ListAsync(ct))
            {
                table.Append(CultureInfo.InvariantCulture,
                    $"{d.Id}\t{d.Host}\t{(d.IsDefault ? "yes" : "no")}\t{(d.Https ? "https" : "http")}\t{d.Access.ToString().ToLowerInvariant()}"
                    + $"{(d.Access == DomainAccess.Users ? ":" + string.Join(',', d.Users) : "")}\t{d.RootRedirect}\t{d.NotFoundRedirect}\n");
            }

            await Console.Out.WriteAsync(table.ToString());
            return 0;
        }, ct));

        return new Command("domains", "Manage the domains Hop answers on.") { add, remove, list };
    }

    private static async Task<int> PrintAsync(string line)
    {
        await Console.Out.WriteLineAsync(line);
        return 0;
    }

    /// <summary>
    /// Runs a domains verb with the store, the target policy (for redirect URLs, with the domains and the
    /// blocklist loaded) and, after a change, an announcement on Redis when it is configured.
    /// </summary>
    private static async Task<int> WithDomainsAsync(Func<DomainStore, IServiceProvider, Task<int>> action, CancellationToken ct)
    {
        var builder = CreateHostBuilder([]);
        builder.Services.AddBlocklistCore();
        builder.Services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section);
        builder.Services.AddSingleton(LinkReader.Create);
        builder.Services.TryAddSingleton<HopMetrics>();
        builder.Services.AddSingleton<LinkCache>();
        builder.Services.AddOptions<Links.LinkOptions>().BindConfiguration(Links.LinkOptions.Section);
        builder.Services.AddOptions<SafetyOptions>().BindConfiguration(SafetyOptions.Section);
        builder.Services.AddSingleton<IHostResolver, DnsHostResolver>();
        builder.Services.AddSingleton<TargetPolicy>();
        builder.Services.AddSingleton<DomainTable>();
        builder.Services.AddScoped<DomainStore>();
        var host = builder.Build();
        await using var disposeHost = (IAsyncDisposable)host;
        await using var scope = await OpenAsync(host, ct);
        await host.Services.GetRequiredService<DomainTable>().LoadAsync(scope.ServiceProvider.GetRequiredService<Data.HopDbContext>(), ct);
        await host.Services.GetRequiredService<BlocklistSync>().LoadAllAsync(ct);
        var result = await action(scope.ServiceProvider.GetRequiredService<DomainStore>(), scope.ServiceProvider);
        if (result == 0 && scope.ServiceProvider.GetRequiredService<IConfiguration>()["Cache:Redis"] is { Length: > 0 } redis)
        {
            try
            {
                await DomainSync.AnnounceEverywhereAsync(redis);
            }
            catch (StackExchange.Redis.RedisException e)
            {
                await Console.Error.WriteLineAsync($"Redis could not be told ({e.Message}); running instances see the change on their next check.");
            }
        }

        return result;
    }
}
