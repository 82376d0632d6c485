using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hop.Data;
using Hop.Observability;
using Hop.Redirects;
using Hop.Safety.Blocklist;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hop.Cli;

/// <summary>
/// <c>hop blocklist add|remove|list|import</c>. The verbs change the database, drop the links they
/// touch from the shared cache (when Redis is configured) and bump the change counter, so running
/// instances pick the change up within their poll interval, or at once over Redis.
/// </summary>
internal static partial class HopCli
{
    private static Command BlocklistCommand()
    {
        var values = new Argument<string[]>("value") { Description = "domains (each blocks its subdomains too) or exact http(s) URLs", Arity = ArgumentArity.OneOrMore };
        var review = new Option<bool>("--review") { Description = "put matching links behind a warning page instead of disabling them" };
        var reason = new Option<string?>("--reason") { Description = "why, for the other admins" };
        var add = new Command("add", "Block domains or exact URLs; existing links to them are disabled at once.") { values, review, reason };
        add.SetAction((parse, ct) => WithBlocklistAsync(async (services, _) =>
        {
            var entries = new List<(string, BlocklistKind)>();
            foreach (var text in parse.GetValue(values)!)
            {
                var (value, kind) = BlocklistValues.Normalize(text, out var error);
                if (value is null)
                {
                    return Fail($"'{text}' {error}");
                }

                entries.Add((value, kind));
            }

            var action = parse.GetValue(review) ? BlocklistAction.Review : BlocklistAction.Block;
            var result = await services.GetRequiredService<BlocklistEditor>().AddAsync(entries, action, parse.GetValue(reason), "cli", null, ct);
            foreach (var entry in result.Added)
            {
                await Console.Out.WriteLineAsync($"Added {entry.Value} (id {entry.Id}, {action.ToString().ToLowerInvariant()}).");
            }

            foreach (var value in result.AlreadyPresent)
            {
                await Console.Out.WriteLineAsync($"{value} is already listed.");
            }

            await Console.Out.WriteLineAsync(action == BlocklistAction.Block
                ? $"{result.LinksDisabled} existing link(s) disabled."
                : $"{result.LinksUnderReview} existing link(s) put under review.");
            return 0;
        }, loadIndex: false, ct));

        var entry = new Argument<string>("entry") { Description = "the entry's id (see `hop blocklist list`) or its domain or URL" };
        var remove = new Command("remove", "Remove an entry; the links it disabled are enabled again.") { entry };
        remove.SetAction((parse, ct) => WithBlocklistAsync(async (services, db) =>
        {
            var text = parse.GetValue(entry)!;
            long? id = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
            if (id is null)
            {
                var (value, _) = BlocklistValues.Normalize(text, out _);
                id = await db.Blocklist.Where(e => e.Value == value).Select(e => (long?)e.Id).FirstOrDefaultAsync(ct);
            }

            if (id is null || await services.GetRequiredService<BlocklistEditor>().RemoveAsync(id.Value, ct) is not { } restored)
            {
                return Fail($"No blocklist entry '{text}'.");
            }

            await Console.Out.WriteLineAsync($"Removed entry {id}; {restored} link(s) restored.");
            return 0;
        }, loadIndex: true, ct));

        var search = new Option<string?>("--search") { Description = "only entries whose value contains this" };
        var limit = new Option<int>("--limit") { Description = "at most this many entries", DefaultValueFactory = _ => 100 };
        var list = new Command("list", "List blocklist entries, oldest first.") { search, limit };
        list.SetAction((parse, ct) => WithBlocklistAsync(async (_, db) =>
        {
            var query = db.Blocklist.AsNoTracking();
            if (parse.GetValue(search) is { Length: > 0 } term)
            {
                var lower = term.ToLowerInvariant();
                query = query.Where(e => e.Value.Contains(lower));
            }

            var table = new StringBuilder("ID\tVALUE\tKIND\tACTION\tSOURCE\tADDED\tREASON\n");
            foreach (var e in await query.OrderBy(e => e.Id).Take(Math.Max(1, parse.GetValue(limit))).ToListAsync(ct))
            {
                table.Append(CultureInfo.InvariantCulture,
                    $"{e.Id}\t{e.Value}\t{e.Kind.ToString().ToLowerInvariant()}\t{e.Action.ToString().ToLowerInvariant()}\t{e.Source}\t{Time(e.AddedAt)}\t{e.Reason}\n");
            }

            await Console.Out.WriteAsync(table.ToString());
            return 0;
        }, loadIndex: false, ct));

        return new Command("blocklist", "Manage the blocklist of domains and exact URLs.") { add, remove, list, ImportCommand() };
    }

    private static Command ImportCommand()
    {
        var file = new Argument<string>("file") { Description = "the list to read ('-' for standard input)" };
        var format = new Option<string>("--format")
        {
            Description = "auto (the default: told apart line by line), domains, hosts, adblock or urlhaus",
            DefaultValueFactory = _ => "auto",
        };
        var action = new Option<string>("--action") { Description = "block (the default) or review", DefaultValueFactory = _ => "block" };
        var reason = new Option<string?>("--reason") { Description = "why, for the other admins" };
        var import = new Command("import", "Import a list of domains or URLs; existing links they match are disabled.") { file, format, action, reason };
        import.SetAction((parse, ct) => WithBlocklistAsync(async (services, _) =>
        {
            var path = parse.GetValue(file)!;
            if (!BlocklistApi.TryParseFormat(parse.GetValue(format)!, out var parsedFormat))
            {
                return Fail("--format must be auto, domains, hosts, adblock or urlhaus.");
            }

            var parsedAction = parse.GetValue(action)!.ToLowerInvariant() switch
            {
                "block" => BlocklistAction.Block,
                "review" => BlocklistAction.Review,
                _ => (BlocklistAction?)null,
            };
            if (parsedAction is null)
            {
                return Fail("--action must be block or review.");
            }

            if (path != "-" && !File.Exists(path))
            {
                return Fail($"No file '{path}'.");
            }

            using var text = path == "-" ? Console.In : new StreamReader(path, Encoding.UTF8, true, new FileStreamOptions { BufferSize = 1 << 16 });
            var started = Stopwatch.GetTimestamp();
            // Progress only on a terminal: a redirected stderr (a log, a pipe) gets the summary alone.
            Action<long>? progress = Console.IsErrorRedirected
                ? null
                : lines => Console.Error.Write($"\r{lines:N0} lines read ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)…");
            var name = path == "-" ? "stdin" : Path.GetFileName(path);
            var result = await services.GetRequiredService<BlocklistEditor>().ImportAsync(
                text, parsedFormat, parsedAction.Value, parse.GetValue(reason), "import:" + name, null, progress, ct);
            if (progress is not null)
            {
                await Console.Error.WriteLineAsync();
            }

            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Imported {name}: {result.Added} added, {result.AlreadyPresent} already present, {result.Comments} comments, "
                + $"{result.Junk} junk lines, {result.Invalid} invalid; {result.LinksDisabled} links disabled, "
                + $"{result.LinksUnderReview} under review ({Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)."));
            return 0;
        }, loadIndex: false, ct));
        return import;
    }

    /// <summary>
    /// Runs a blocklist verb with the editor and the link cache (connected to Redis when configured, so
    /// that the codes it touches are dropped on every instance).
    /// </summary>
    private static async Task<int> WithBlocklistAsync(
        Func<IServiceProvider, HopDbContext, Task<int>> action, bool loadIndex, CancellationToken ct)
    {
        var builder = CreateHostBuilder([]);
        builder.Services.AddBlocklistCore();
        builder.Services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section);
        builder.Services.AddSingleton(LinkReader.Create);
        builder.Services.TryAddSingleton<HopMetrics>();
        builder.Services.AddOptions<Links.LinkOptions>().BindConfiguration(Links.LinkOptions.Section);
        builder.Services.AddSingleton<Domains.DomainTable>();
        builder.Services.AddSingleton<LinkCache>();
        // Disposed asynchronously: the link cache holds a Redis connection that closes only that way.
        var host = builder.Build();
        await using var disposeHost = (IAsyncDisposable)host;
        await using var scope = await OpenAsync(host, ct);
        var cache = host.Services.GetRequiredService<LinkCache>();
        await host.Services.GetRequiredService<Domains.DomainTable>().LoadAsync(scope.ServiceProvider.GetRequiredService<HopDbContext>(), ct);
        await cache.StartAsync(ct);
        try
        {
            if (cache.RedisConfigured)
            {
                for (var waited = 0; !cache.Listening && waited < 50; waited++)
                {
                    await Task.Delay(100, ct);
                }
            }

            if (loadIndex)
            {
                await host.Services.GetRequiredService<BlocklistSync>().LoadAllAsync(ct);
            }

            return await action(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<HopDbContext>());
        }
        finally
        {
            // Fire-and-forget invalidations are sent before a reply to this ping arrives.
            if (cache.Redis is { IsConnected: true } redis)
            {
                await redis.GetDatabase().PingAsync();
            }

            await cache.StopAsync(CancellationToken.None);
        }
    }
}
