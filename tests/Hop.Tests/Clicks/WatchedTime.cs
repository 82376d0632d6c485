using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Hop.Tests.Clicks;

/// <summary>
/// A fake clock that reports every timer started on it, so that a test moves time on exactly as far
/// as the code under test waits, and only once it waits.
/// </summary>
internal sealed class WatchedTime : FakeTimeProvider
{
    /// <summary>Bounds a failure only: code that neither finishes nor waits on the clock.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly Channel<TimeSpan> _started = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _started.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>The due time of the next timer started, or null if <paramref name="done"/> completes first.</summary>
    public async Task<TimeSpan?> NextTimerAsync(Task done)
    {
        await Task.WhenAny(_started.Reader.WaitToReadAsync().AsTask(), done).WaitAsync(Bound);
        return _started.Reader.TryRead(out var due) ? due : null;
    }

    /// <summary>Moves time on by each timer's due time as one starts, until <paramref name="task"/>
    /// completes; returns how far time moved.</summary>
    public async Task<TimeSpan> RunUntilDoneAsync(Task task)
    {
        var moved = TimeSpan.Zero;
        while (await NextTimerAsync(task) is { } due)
        {
            Advance(due);
            moved += due;
        }

        await task;
        return moved;
    }
}
