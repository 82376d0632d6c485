using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Hop.Clicks;

/// <summary>
/// A dedicated thread at a lower operating-system priority that runs one async loop, with every
/// continuation of that loop posted back to the same thread. The click writer runs here: when the
/// machine is saturated the redirects get the CPU and analytics fall behind (and, past the queue's
/// capacity, drop and count events), instead of the writer taking a core from the hot path. When
/// there is idle CPU the lane gets all of it. On Linux the thread's nice value is raised; elsewhere
/// it keeps the normal priority.
/// </summary>
internal sealed class BackgroundLane : SynchronizationContext
{
    /// <summary>
    /// Linux nice value of the lane: about a tenth of a normal thread's CPU share under contention. At
    /// 19 (about 1.5%) the writer starved and dropped clicks at half the maximum redirect rate, where
    /// the CPU is already nine-tenths busy; at 10 it kept up in a 40 s paced run at 28,700 req/s, with
    /// no measurable loss at the maximum (a full bench run still dropped some; README, Benchmarks).
    /// </summary>
    public const int Niceness = 10;

    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _work = [];

    private BackgroundLane()
    {
    }

    /// <summary>Starts <paramref name="loop"/> on a new lane; the task completes when the loop does.</summary>
    public static Task Run(string name, Func<Task> loop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            LowerPriority();
            var lane = new BackgroundLane();
            SetSynchronizationContext(lane);
            Task task;
            try
            {
                task = loop();
            }
            catch (Exception e)
            {
                task = Task.FromException(e);
            }

            task.ContinueWith(_ => lane._work.CompleteAdding(), TaskScheduler.Default);
            foreach (var (callback, state) in lane._work.GetConsumingEnumerable())
            {
                callback(state);
            }

            done.SetFromTask(task);
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (!_work.TryAdd((d, state)))
        {
            // The loop has finished; whatever still completes runs on the thread pool.
            ThreadPool.QueueUserWorkItem(s => d(s), state, preferLocal: false);
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("A background lane only runs posted work.");

    public override SynchronizationContext CreateCopy() => this;

    private static void LowerPriority()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // setpriority(PRIO_PROCESS, tid, n) sets one thread's nice value on Linux; lowering it needs no
        // privilege. A failure leaves the normal priority, which is only slower under overload.
        _ = SetPriority(0, GetThreadId(), Niceness);
    }

    // DllImport rather than LibraryImport: the signatures are blittable, and LibraryImport would make
    // the whole assembly allow unsafe code.
    [DllImport("libc", EntryPoint = "setpriority")]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
