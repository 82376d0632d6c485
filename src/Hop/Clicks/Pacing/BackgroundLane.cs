using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hop.Clicks.Pacing;

/// <summary>
/// A dedicated thread at a lower operating-system priority that runs posted work, with every
/// continuation of that work posted back to the same thread. The <see cref="Writing.ClickPump"/> sends
/// its batches, and so runs the click writer, on lanes like this: when the machine is saturated the
/// redirects get the CPU and analytics fall behind (and, past the queue's capacity, drop and count
/// events), instead of the writer taking a core from the hot path. A method moves between lanes with
/// <c>await lane.SwitchTo()</c>. On Linux the thread's nice value or scheduling policy is set;
/// elsewhere it keeps the normal priority.
/// </summary>
internal sealed class BackgroundLane : SynchronizationContext, IDisposable
{
    /// <summary>
    /// Linux nice value of <see cref="LanePriority.Low"/>: about a tenth of a normal thread's CPU share
    /// under contention, which lets the writer keep up at half the maximum redirect rate, where the CPU
    /// is already nine-tenths busy; a higher value starves it there.
    /// </summary>
    public const int Niceness = 10;

    private const int SchedIdle = 5;

    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _work = [];

    private BackgroundLane(string name, LanePriority priority)
    {
        var thread = new Thread(() =>
        {
            Lower(priority);
            SetSynchronizationContext(this);
            foreach (var (callback, state) in _work.GetConsumingEnumerable())
            {
                callback(state);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
    }

    /// <summary>Starts a lane; <see cref="Dispose"/> ends its thread once the posted work has run.</summary>
    public static BackgroundLane Start(string name, LanePriority priority) => new(name, priority);

    /// <summary>Runs <paramref name="loop"/> on this lane; the task completes when the loop does.</summary>
    public Task Run(Func<Task> loop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(_ =>
        {
            Task task;
            try
            {
                task = loop();
            }
            catch (Exception e)
            {
                task = Task.FromException(e);
            }

            task.ContinueWith(t => done.SetFromTask(t), TaskScheduler.Default);
        }, null);
        return done.Task;
    }

    /// <summary>Continues the awaiting method on this lane's thread (at once if it is already there).</summary>
    public LaneSwitch SwitchTo() => new(this);

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (!_work.TryAdd((d, state)))
        {
            // The lane has ended; whatever still completes runs on the thread pool.
            ThreadPool.QueueUserWorkItem(s => d(s), state, preferLocal: false);
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("A background lane only runs posted work.");

    public override SynchronizationContext CreateCopy() => this;

    public void Dispose() => _work.CompleteAdding();

    private static void Lower(LanePriority priority)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // Both calls act on the calling thread only, and moving to a lower priority needs no privilege
        // (moving back would, so a lane keeps its priority for life). A failure leaves the normal
        // priority, which is only slower under overload.
        var param = 0;
        if (priority == LanePriority.Idle && SetScheduler(0, SchedIdle, ref param) == 0)
        {
            return;
        }

        _ = SetPriority(0, GetThreadId(), Niceness);
    }

    // DllImport rather than LibraryImport: the signatures are blittable, and LibraryImport would make
    // the whole assembly allow unsafe code.
    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "sched_setscheduler")]
    private static extern int SetScheduler(int pid, int policy, ref int param);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();

    /// <summary>The awaitable of <see cref="SwitchTo"/>.</summary>
    internal readonly struct LaneSwitch(BackgroundLane lane) : INotifyCompletion
    {
        public LaneSwitch GetAwaiter() => this;

        public bool IsCompleted => Current == lane;

        public void OnCompleted(Action continuation) => lane.Post(static c => ((Action)c!)(), continuation);

        public void GetResult()
        {
        }
    }
}
