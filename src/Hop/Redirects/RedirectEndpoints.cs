using Hop.Redirects.Routing;
using Hop.Security;
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
        builder.Services.AddSingleton(sp => new StickyVariants(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddSingleton<RouteChooser>();
        builder.Services.AddSingleton<RedirectHandler>();
    }

    public static void MapRedirects(this WebApplication app)
    {
        // A plain RequestDelegate: no parameter binding and no request scope on the hot path.
        app.MapMethods("/{code}", [HttpMethods.Get, HttpMethods.Head], Handler(app.Services))
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
        var handler = Handler(app.Services);
        SecurityHeaders? security = null;
        app.Use((http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<RedirectRoute>() is null)
            {
                return next(http);
            }

            // HSTS only: SecurityHeaders says why a redirect carries no other security header.
            (security ??= app.Services.GetRequiredService<SecurityHeaders>()).ApplyTransportSecurity(http);
            return handler(http);
        });
    }

    /// <summary>
    /// The handler, made on the first request: by then the host has started and checked every option
    /// at once, whereas made while the pipeline is built it would read the click options first.
    /// </summary>
    private static RequestDelegate Handler(IServiceProvider services)
    {
        RedirectHandler? handler = null;
        return http => (handler ??= services.GetRequiredService<RedirectHandler>()).HandleAsync(http);
    }

    /// <summary>Marks the redirect endpoint for <see cref="UseRedirectFastPath"/>.</summary>
    private sealed class RedirectRoute
    {
        public static readonly RedirectRoute Instance = new();
    }
}
