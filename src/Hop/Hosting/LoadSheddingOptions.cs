using System.ComponentModel.DataAnnotations;

namespace Hop.Hosting;

/// <summary>How much one instance takes on at once before it answers 503 with <c>Retry-After</c>
/// (<see cref="LoadShedding"/>). Each limit is per instance; behind nginx, another instance or a retry
/// takes what one sheds.</summary>
internal sealed class LoadSheddingOptions
{
    public const string Section = "LoadShedding";

    /// <summary>Redirects whose link is not in the in-process cache and is being read from Redis or the
    /// database. Cache hits are never limited: they complete without waiting on anything.</summary>
    [Range(1, 1_000_000)]
    public int RedirectMisses { get; set; } = 1_024;

    /// <summary>Stats, exports and imports in progress (<see cref="LoadClass.Heavy"/>): each reads or
    /// writes many rows, so a few at a time keep redirects and the rest of the API quick.</summary>
    [Range(1, 10_000)]
    public int Heavy { get; set; } = 8;

    /// <summary>Heavy requests that wait, oldest first, for one of the <see cref="Heavy"/> slots (a page
    /// or a client that asks for several windows at once); beyond them, 503.</summary>
    [Range(0, 100_000)]
    public int HeavyQueue { get; set; } = 64;

    /// <summary>Every other request in progress: the API, the pages, the status endpoints (not the
    /// live feeds, which stay open for as long as someone watches).</summary>
    [Range(1, 1_000_000)]
    public int Requests { get; set; } = 512;

    /// <summary>The <c>Retry-After</c> of a shed request.</summary>
    [Range(1, 3_600)]
    public int RetryAfterSeconds { get; set; } = 1;
}
