using BenchmarkDotNet.Running;
using Hop.Benchmarks;

// "seed ..." fills a database for bench/redirect.sh; anything else goes to BenchmarkDotNet
// (e.g. `--filter '*'`, `--job short`).
if (args is ["seed", .. var rest])
{
    return await Seeder.RunAsync(rest);
}

if (args is ["seed-links", .. var links])
{
    return await BlocklistLinkSeeder.RunAsync(links);
}

BenchmarkSwitcher.FromAssembly(typeof(Seeder).Assembly).Run(args);
return 0;
