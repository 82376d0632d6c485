namespace Hop.Clicks.Pacing;

/// <summary>How much of the CPU a <see cref="BackgroundLane"/> may take from the redirects.</summary>
internal enum LanePriority
{
    /// <summary>Nice <see cref="BackgroundLane.Niceness"/>: a small share under contention, all idle CPU.</summary>
    Low,

    /// <summary>Linux SCHED_IDLE: only CPU nothing else wants, and any waking thread preempts it at once.</summary>
    Idle,
}
