using System.Globalization;
using System.Threading.RateLimiting;
using Hop.Observability;
using Hop.Pages.Public;
using Microsoft.Extensions.Options;

namespace Hop.Hosting;

/// <summary>
/// Beyond what one instance can take on at once, it answers 503 with <c>Retry-After</c> at once instead
/// of queueing without bound: one count of requests in progress per <see cref="LoadClass"/>, each with
/// its limit (<see cref="LoadSheddingOptions"/>). Redirects keep priority: a cache hit is never counted,
/// a cache miss counts only against <see cref="LoadSheddingOptions.RedirectMisses"/>, and stats, exports
/// and imports have a small limit of their own with a bounded queue, so a burst of them cannot take the
/// slots of the rest.
/// A shed request is counted in <c>hop_requests_shed_total</c>.
/// </summary>
internal sealed class LoadShedding(IOptions<LoadSheddingOptions> options, HopMetrics metrics)
{
    private readonly LoadSheddingOptions _options = options.Value;
    private readonly int[] _inProgress = new int[Enum.GetValues<LoadClass>().Length];

    /// <summary>The heavy requests: a few at a time, and a bounded queue of those waiting.</summary>
    private readonly ConcurrencyLimiter _heavy = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.Heavy,
        QueueLimit = options.Value.HeavyQueue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public static string Name(LoadClass loadClass) => loadClass switch
    {
        LoadClass.RedirectMiss => "redirect_miss",
        LoadClass.Heavy => "heavy",
        _ => "request",
    };

    /// <summary>Requests of <paramref name="loadClass"/> in progress (not <see cref="LoadClass.Heavy"/>,
    /// whose slots are leases of a limiter).</summary>
    public int InProgress(LoadClass loadClass) => Volatile.Read(ref _inProgress[(int)loadClass]);

    /// <summary>Takes a slot of <paramref name="loadClass"/> (not <see cref="LoadClass.Heavy"/>); false (and
    /// counted as shed) when all are taken. A slot taken is given back with <see cref="Exit"/>.</summary>
    public bool TryEnter(LoadClass loadClass)
    {
        ArgumentOutOfRangeException.ThrowIfEqual(loadClass, LoadClass.Heavy);
        ref var count = ref _inProgress[(int)loadClass];
        if (Interlocked.Increment(ref count) <= Limit(loadClass))
        {
            return true;
        }

        Interlocked.Decrement(ref count);
        metrics.Shed(loadClass);
        return false;
    }

    public void Exit(LoadClass loadClass) => Interlocked.Decrement(ref _inProgress[(int)loadClass]);

    /// <summary>The middleware after the redirect fast path: every request but the live feeds holds a slot
    /// of its class while it runs.</summary>
    public Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var metadata = http.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<LongLivedRequest>() is not null)
        {
            return next(http);
        }

        if (metadata?.GetMetadata<HeavyRequest>() is not null)
        {
            return RunHeavyAsync(http, next);
        }

        return TryEnter(LoadClass.Request) ? RunAsync(http, next, LoadClass.Request) : RespondShedAsync(http);
    }

    /// <summary>Takes one heavy slot without a request (a test holds it to see what the next request gets).</summary>
    internal RateLimitLease TryTakeHeavy() => _heavy.AttemptAcquire();

    private async Task RunHeavyAsync(HttpContext http, RequestDelegate next)
    {
        using var lease = _heavy.AttemptAcquire() is { IsAcquired: true } now ? now : await _heavy.AcquireAsync(1, http.RequestAborted);
        if (!lease.IsAcquired)
        {
            metrics.Shed(LoadClass.Heavy);
            await RespondShedAsync(http);
            return;
        }

        await next(http);
    }

    private async Task RunAsync(HttpContext http, RequestDelegate next, LoadClass loadClass)
    {
        try
        {
            await next(http);
        }
        finally
        {
            Exit(loadClass);
        }
    }

    /// <summary>503 with <c>Retry-After</c>: ProblemDetails for the API, a page for a person's browser.</summary>
    public Task RespondShedAsync(HttpContext http)
    {
        var seconds = _options.RetryAfterSeconds;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var detail = $"Hop is busier than it can answer right now; try again in {seconds} second{(seconds == 1 ? "" : "s")}.";
        if (!http.Request.Path.StartsWithSegments("/api")
            && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            return PublicPages.WriteMessageAsync(http, StatusCodes.Status503ServiceUnavailable, "Busy", detail);
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service busy", detail: detail).ExecuteAsync(http);
    }

    private int Limit(LoadClass loadClass) => loadClass == LoadClass.RedirectMiss ? _options.RedirectMisses : _options.Requests;
}

internal static class LoadSheddingSetup
{
    public static void AddLoadShedding(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LoadSheddingOptions>().BindConfiguration(LoadSheddingOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<LoadShedding>();
    }

    /// <summary>Right after <c>UseRedirectFastPath</c>, which answers redirects before any of this.</summary>
    public static void UseLoadShedding(this WebApplication app)
    {
        var shedding = app.Services.GetRequiredService<LoadShedding>();
        app.Use((http, next) => shedding.InvokeAsync(http, next));
    }
}
