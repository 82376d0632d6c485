using System.Security.Cryptography;

namespace Hop.Safety.Blocklist;

/// <summary>
/// Imports from the admin page run here, in the background, one at a time per instance, so that the
/// request that uploads a large list returns at once and a page can follow the import's progress. The
/// import itself is <see cref="BlocklistEditor.ImportAsync(TextReader, BlocklistFormat, BlocklistAction, string?, string, long?, Action{BlocklistImportProgress}?, int, CancellationToken)"/>,
/// as for the API and the CLI, so its entries reach the other instances the same way. The jobs live in
/// this process only: the last <see cref="Kept"/> are remembered for their pages, none survives a restart.
/// </summary>
internal sealed class BlocklistImportJobs(
    IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<BlocklistImportJobs> logger)
{
    public const int Kept = 20;

    /// <summary>Lines between two progress reports: often enough for a page refreshed every second.</summary>
    public const int ProgressEvery = 1_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, BlocklistImportJob> _jobs = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private BlocklistImportJob? _running;

    /// <summary>The import running now, if any.</summary>
    public BlocklistImportJob? Running
    {
        get
        {
            lock (_lock)
            {
                return _running is { IsRunning: true } running ? running : null;
            }
        }
    }

    public BlocklistImportJob? Find(string id)
    {
        lock (_lock)
        {
            return _jobs.GetValueOrDefault(id);
        }
    }

    /// <summary>The remembered jobs, newest first.</summary>
    public IReadOnlyList<BlocklistImportJob> Recent()
    {
        lock (_lock)
        {
            return [.. _order.Reverse().Select(id => _jobs[id])];
        }
    }

    /// <summary>
    /// Starts importing the file at <paramref name="path"/> (which the job deletes when done) and returns
    /// the job; null, leaving the file alone, when another import is still running.
    /// </summary>
    public BlocklistImportJob? TryStart(
        string path, string name, BlocklistFormat format, BlocklistAction action, string? reason, long? addedBy)
    {
        BlocklistImportJob job;
        lock (_lock)
        {
            if (_running is { IsRunning: true })
            {
                return null;
            }

            job = new BlocklistImportJob
            {
                Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
                Name = name,
                TotalBytes = new FileInfo(path).Length,
                Format = format,
                Action = action,
                StartedAt = time.GetUtcNow(),
            };
            _jobs[job.Id] = job;
            _order.Enqueue(job.Id);
            while (_order.Count > Kept)
            {
                _jobs.Remove(_order.Dequeue());
            }

            _running = job;
        }

        BlocklistImportLog.Started(logger, job.Id, name, job.TotalBytes, addedBy);
        _ = Task.Run(() => RunAsync(job, path, reason, addedBy, lifetime.ApplicationStopping));
        return job;
    }

    private async Task RunAsync(BlocklistImportJob job, string path, string? reason, long? addedBy, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var editor = scope.ServiceProvider.GetRequiredService<BlocklistEditor>();
            await using var file = new ProgressStream(File.OpenRead(path), job);
            using var text = new StreamReader(file);
            var result = await editor.ImportAsync(text, job.Format, job.Action, reason, "import:" + job.Name, addedBy,
                job.Report, ProgressEvery, ct);
            job.Finish(result, time.GetUtcNow());
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            job.Fail("The app shut down before the import finished; nothing of it was kept.", time.GetUtcNow());
            BlocklistImportLog.Stopped(logger, job.Id, job.Name);
        }
        catch (Exception e)
        {
            // A failed import is rolled back whole (one transaction); the page says so and the log says why.
            job.Fail("The import failed and nothing of it was kept; the server's log has the details.", time.GetUtcNow());
            BlocklistImportLog.Failed(logger, e, job.Id, job.Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A read-only file stream that tells the job how many bytes the import has read.</summary>
    private sealed class ProgressStream(FileStream inner, BlocklistImportJob job) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await base.DisposeAsync();
        }

        private int Counted(int read)
        {
            job.Read(read);
            return read;
        }
    }
}
