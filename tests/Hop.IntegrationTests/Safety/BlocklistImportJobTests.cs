using System.Net;
using Hop.IntegrationTests.Infrastructure;
using Hop.Safety.Blocklist;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Safety;

/// <summary>
/// The admin page's background import: it runs the editor's import in a scope of its own, reports its
/// progress and final counts, disables the links its entries match, bumps the change counter the other
/// instances follow, runs one at a time and deletes its file.
/// </summary>
public abstract class BlocklistImportJobTests(HopHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_background_import_reports_its_counts_and_acts_on_links()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var owner = await host.CreateUserAsync();
        var created = await owner.Client.CreateLinkAsync(new { url = $"https://www.d7-{tag}.example.com/page" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var code = (await created.ReadJsonAsync()).Str("code");
        var version = await VersionAsync();

        const int Domains = 20_000;
        var lines = new List<string> { "# generated", "" };
        lines.AddRange(Enumerable.Range(0, Domains).Select(i => i % 2 == 0 ? $"0.0.0.0 d{i}-{tag}.example.com" : $"||d{i}-{tag}.example.com^"));
        lines.AddRange(["192.0.2.7", "not a list line", $"d0-{tag}.example.com"]);
        var path = Path.GetTempFileName();
        await File.WriteAllLinesAsync(path, lines, Ct);

        var jobs = host.Services.GetRequiredService<BlocklistImportJobs>();
        var job = jobs.TryStart(path, $"list-{tag}.txt", BlocklistFormat.Auto, BlocklistAction.Block, "test import", owner.Id);
        Assert.NotNull(job);
        var second = Path.GetTempFileName();
        Assert.Null(jobs.TryStart(second, "second.txt", BlocklistFormat.Auto, BlocklistAction.Block, null, null));
        File.Delete(second);
        Assert.Same(job, jobs.Find(job.Id));

        await Poll.UntilAsync(() => Task.FromResult(!job.IsRunning), "the import to finish");
        Assert.Equal(BlocklistImportState.Finished, job.State);
        Assert.Equal(1000, job.PerMille);
        Assert.Equal(new BlocklistImportResult
        {
            Added = Domains, AlreadyPresent = 1, Comments = 1, Junk = 1, Invalid = 1, LinksDisabled = 1, LinksUnderReview = 0,
        }, job.Result);
        Assert.Equal(lines.Count, job.Progress.Lines);
        Assert.False(File.Exists(path));
        Assert.Null(jobs.Running);
        Assert.Equal(job, jobs.Recent()[0]);

        var visitor = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Gone, (await visitor.GetAsync("/" + code, Ct)).StatusCode);
        Assert.NotEqual(version, await VersionAsync());
        var sources = await host.WithDbAsync(db => db.Blocklist.Where(e => e.Value.Contains(tag)).Select(e => e.Source).Distinct().ToListAsync(Ct));
        Assert.Equal([$"import:list-{tag}.txt"], sources);
    }

    [Fact]
    public async Task Imports_run_one_after_another_and_are_remembered_newest_first()
    {
        var jobs = host.Services.GetRequiredService<BlocklistImportJobs>();
        await Poll.UntilAsync(() => Task.FromResult(jobs.Running is null), "no import to be running");
        var names = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var path = Path.GetTempFileName();
            await File.WriteAllTextAsync(path, i == 0 ? "" : $"# only a comment\nseq-{Guid.NewGuid():N}.example.com\n", Ct);
            var job = jobs.TryStart(path, $"seq-{i}-{Guid.NewGuid():N}.txt", BlocklistFormat.Domains, BlocklistAction.Review, null, null);
            Assert.NotNull(job);
            names.Add(job.Name);
            await Poll.UntilAsync(() => Task.FromResult(!job.IsRunning), "the import to finish");
            Assert.Equal(BlocklistImportState.Finished, job.State);
            Assert.Equal(i, job.Result!.Added);
            Assert.Equal(0, job.Result.LinksUnderReview);
        }

        Assert.Equal([names[1], names[0]], jobs.Recent().Take(2).Select(j => j.Name));
    }

    private Task<string?> VersionAsync() => host.WithDbAsync(db =>
        db.AppSettings.Where(s => s.Key == BlocklistSync.VersionKey).Select(s => s.Value).FirstOrDefaultAsync(Ct));
}

public sealed class SqliteBlocklistImportJobTests(HopHost<Sqlite, Defaults> host)
    : BlocklistImportJobTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresBlocklistImportJobTests(HopHost<Postgres, Defaults> host)
    : BlocklistImportJobTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
