namespace Hop.Safety.Blocklist;

/// <summary>
/// One import running in the background (see <see cref="BlocklistImportJobs"/>): what it reads, how far
/// it has got, and at the end its counts or why it failed. Written by the import, read by the page.
/// </summary>
internal sealed class BlocklistImportJob
{
    private long _bytesRead;
    private BlocklistImportProgress _progress = new(0, 0, 0, 0, 0);
    private BlocklistImportResult? _result;
    private string? _error;

    public required string Id { get; init; }

    /// <summary>The file's name as uploaded; the entries' source is "import:" and this.</summary>
    public required string Name { get; init; }
    public required long TotalBytes { get; init; }
    public required BlocklistFormat Format { get; init; }
    public required BlocklistAction Action { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; private set; }

    public long BytesRead => Interlocked.Read(ref _bytesRead);
    public BlocklistImportProgress Progress => Volatile.Read(ref _progress);
    public BlocklistImportResult? Result => Volatile.Read(ref _result);
    public string? Error => Volatile.Read(ref _error);

    public BlocklistImportState State =>
        Result is not null ? BlocklistImportState.Finished
        : Error is not null ? BlocklistImportState.Failed
        : BytesRead >= TotalBytes ? BlocklistImportState.ActingOnLinks
        : BlocklistImportState.Reading;

    public bool IsRunning => State is BlocklistImportState.Reading or BlocklistImportState.ActingOnLinks;

    /// <summary>Per mille of the file read, for a progress bar.</summary>
    public int PerMille => TotalBytes == 0 ? 1000 : (int)Math.Min(1000, BytesRead * 1000 / TotalBytes);

    internal void Read(int bytes) => Interlocked.Add(ref _bytesRead, bytes);

    internal void Report(BlocklistImportProgress progress) => Volatile.Write(ref _progress, progress);

    internal void Finish(BlocklistImportResult result, DateTimeOffset at)
    {
        FinishedAt = at;
        Interlocked.Exchange(ref _bytesRead, TotalBytes);
        Volatile.Write(ref _result, result);
    }

    internal void Fail(string error, DateTimeOffset at)
    {
        FinishedAt = at;
        Volatile.Write(ref _error, error);
    }
}
