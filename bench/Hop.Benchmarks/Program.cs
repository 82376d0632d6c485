using BenchmarkDotNet.Running;
using Hop.Benchmarks;

// "seed ..." fills a database for bench/redirect.sh, "seed-links ..." one for bench/blocklist-import.sh,
// "route ..." gives every link of one five rules and two variants (the rules mode), "seed-pages ..." and "pages ..." seed and time the pages for bench/pages.sh, "seed-stats ..." and "stats ..." seed and time the stats API for bench/stats.sh, "write-clicks ..." times the click writer's batches, "raw-visits ..." times the COPY of raw visits into PostgreSQL and prints their bytes per visit, "index-memory" prints what the blocklist index of 1,000,000 domains takes; anything else goes to BenchmarkDotNet
// (e.g. `--filter '*'`, `--job short`).
if (args is ["seed", .. var rest])
{
    return await Seeder.RunAsync(rest);
}

if (args is ["seed-links", .. var links])
{
    return await BlocklistLinkSeeder.RunAsync(links);
}

if (args is ["route", .. var routed])
{
    return await RoutedLinkSeeder.RunAsync(routed);
}

if (args is ["seed-pages", .. var pages])
{
    return await PageSeeder.RunAsync(pages);
}

if (args is ["pages", .. var timed])
{
    return await PageTimer.RunAsync(timed);
}

if (args is ["write-clicks", .. var writes])
{
    return await ClickWriteTimer.RunAsync(writes);
}

if (args is ["raw-visits", .. var copied])
{
    return await RawVisitCopier.RunAsync(copied);
}

if (args is ["seed-stats", .. var stats])
{
    return await StatsSeeder.RunAsync(stats);
}

if (args is ["stats", .. var timedStats])
{
    return await StatsTimer.RunAsync(timedStats);
}

if (args is ["index-memory"])
{
    return BlocklistMatchBenchmarks.PrintMemory();
}

BenchmarkSwitcher.FromAssembly(typeof(Seeder).Assembly).Run(args);
return 0;
