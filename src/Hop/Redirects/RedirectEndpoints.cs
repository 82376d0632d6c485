using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Hop.Redirects;

/// <summary>The hot path: <c>GET /{code}</c> redirects, <c>GET /{code}+</c> shows where it leads.</summary>
internal static class RedirectEndpoints
{
    public static void AddRedirects(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedirectOptions>()
            .BindConfiguration(RedirectOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddPasswordGate();
        builder.Services.AddOptions<CacheOptions>()
            .BindConfiguration(CacheOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(LinkReader.Create);
        builder.Services.AddSingleton<LinkCache>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LinkCache>());
        builder.Services.AddSingleton<ISaveChangesInterceptor, LinkCachePublisher>();
        builder.Services.AddSingleton<RedirectHandler>();
    }

    public static void MapRedirects(this WebApplication app)
    {
        // A plain RequestDelegate bound once: no parameter binding and no request scope on the hot path.
        var handler = app.Services.GetRequiredService<RedirectHandler>();
        app.MapMethods("/{code}", [HttpMethods.Get, HttpMethods.Head], handler.HandleAsync)
            .WithTags("Redirects")
            .WithSummary("Follow a short link (append '+' to see where it leads instead)")
            .WithMetadata(RedirectRoute.Instance)
            .ExcludeFromDescription();
        app.MapPasswordGate();
    }

    /// <summary>
    /// Answers requests that routing matched to <c>/{code}</c> at once. Redirects are public, so
    /// authentication, antiforgery, rate limiting and the rest of the pipeline stay off the hot path;
    /// routing has already run, so per-route metrics still see the route.
    /// </summary>
    public static void UseRedirectFastPath(this WebApplication app)
    {
        var handler = app.Services.GetRequiredService<RedirectHandler>();
        app.Use((http, next) => http.GetEndpoint()?.Metadata.GetMetadata<RedirectRoute>() is not null
            ? handler.HandleAsync(http)
            : next(http));
    }

    /// <summary>Marks the redirect endpoint for <see cref="UseRedirectFastPath"/>.</summary>
    private sealed class RedirectRoute
    {
        public static readonly RedirectRoute Instance = new();
    }
}
