namespace Hop.Observability;

/// <summary>How long this instance has been up: counted from when the app mapped its endpoints.</summary>
internal sealed class Uptime(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    public TimeSpan Elapsed => time.GetElapsedTime(_started);
}
