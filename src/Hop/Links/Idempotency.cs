using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hop.Accounts;
using Hop.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hop.Links;

/// <summary>
/// <c>Idempotency-Key</c> on POSTs that create: the first request with a key claims it by inserting a
/// record (the primary key is caller + key, so a concurrent duplicate cannot claim it too), runs, and
/// stores its response; a retry with the same key and body gets that response again byte for byte, the
/// same key with another body a 422. Records live in the database, so every instance sees them.
/// </summary>
internal static class Idempotency
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeaderName = "Idempotent-Replayed";
    public const int MaxKeyLength = 200;

    /// <summary>A claim this old with no response is from an instance that died mid-request: take it over.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(1);

    public static void AddIdempotency(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdempotencyOptions>()
            .BindConfiguration(IdempotencyOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<IdempotencyCleanup>();
    }

    /// <summary>Lets the key's endpoints read the raw body after binding, to hash exactly what was sent.</summary>
    public static void UseIdempotencyKeys(this WebApplication app) =>
        app.Use((http, next) =>
        {
            if (http.Request.Headers.ContainsKey(HeaderName)
                && http.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is not null)
            {
                http.Request.EnableBuffering();
            }

            return next(http);
        });

    public static RouteHandlerBuilder WithIdempotencyKey(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(IdempotentEndpoint.Instance)
            .AddEndpointFilter(FilterAsync)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values))
        {
            return await next(context);
        }

        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > MaxKeyLength || key.Any(c => c is < ' ' or > '~'))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid Idempotency-Key",
                detail: $"{HeaderName} must be one value of 1 to {MaxKeyLength} printable ASCII characters.",
                extensions: new Dictionary<string, object?> { ["field"] = HeaderName });
        }

        var services = http.RequestServices;
        var db = services.GetRequiredService<HopDbContext>();
        var time = services.GetRequiredService<TimeProvider>();
        var retention = TimeSpan.FromHours(services.GetRequiredService<IOptions<IdempotencyOptions>>().Value.RetentionHours);
        var scope = ScopeOf(http);
        var hash = await HashRequestAsync(http.Request, http.RequestAborted);

        var existing = await ClaimAsync(db, scope, key, hash, time.GetUtcNow().UtcDateTime, retention, http.RequestAborted);
        if (existing is not null)
        {
            return !existing.RequestHash.AsSpan().SequenceEqual(hash)
                ? TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    title: "Idempotency-Key reused",
                    detail: "This Idempotency-Key was sent before with a different request; use a new key for a new request.",
                    extensions: new Dictionary<string, object?> { ["field"] = HeaderName })
                : existing.StatusCode == 0
                    ? TypedResults.Problem(
                        statusCode: StatusCodes.Status409Conflict,
                        title: "Request in progress",
                        detail: "A request with this Idempotency-Key is still being processed; retry shortly.",
                        extensions: new Dictionary<string, object?> { ["field"] = HeaderName })
                    : new StoredResponse(existing);
        }

        byte[] body;
        try
        {
            body = await ExecuteIntoBufferAsync(http, await next(context));
        }
        catch
        {
            await ReleaseAsync(db, scope, key);
            throw;
        }

        if (http.Response.StatusCode >= 500)
        {
            // A server error is not an answer to keep: let the retry run again.
            await ReleaseAsync(db, scope, key);
        }
        else
        {
            var status = http.Response.StatusCode;
            var contentType = http.Response.ContentType;
            var location = http.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null;
            await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.StatusCode, status)
                    .SetProperty(r => r.ContentType, contentType)
                    .SetProperty(r => r.Location, location)
                    .SetProperty(r => r.Body, body), CancellationToken.None);
        }

        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
        return Results.Empty;
    }

    /// <summary>Whose keys these are: the user, or an anonymous caller's address (anonymous creation).</summary>
    private static string ScopeOf(HttpContext http) =>
        Caller.From(http.User).UserId is { } userId
            ? userId.ToString(CultureInfo.InvariantCulture)
            : "anon:" + RateLimits.ClientIp(http);

    /// <summary>Claims the key, or returns the record that holds it (expired and abandoned ones are taken over).</summary>
    private static async Task<IdempotencyRecord?> ClaimAsync(
        HopDbContext db, string scope, string key, byte[] hash, DateTime now, TimeSpan retention, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var record = new IdempotencyRecord { Scope = scope, Key = key, RequestHash = hash, Body = [], CreatedAt = now };
            db.IdempotencyRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(ct);
                return null;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 3)
            {
            }
            finally
            {
                db.Entry(record).State = EntityState.Detached;
            }

            var existing = await db.IdempotencyRecords.AsNoTracking()
                .FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, ct);
            if (existing is null)
            {
                continue;
            }

            var expired = existing.CreatedAt < now - retention;
            var abandoned = existing.StatusCode == 0 && existing.CreatedAt < now - AbandonedAfter;
            if (!expired && !abandoned)
            {
                return existing;
            }

            // Only the one that still sees the same old record removes it; then everyone races to claim.
            await db.IdempotencyRecords
                .Where(r => r.Scope == scope && r.Key == key && r.CreatedAt == existing.CreatedAt && r.StatusCode == existing.StatusCode)
                .ExecuteDeleteAsync(ct);
        }
    }

    private static Task ReleaseAsync(HopDbContext db, string scope, string key) =>
        db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && r.StatusCode == 0)
            .ExecuteDeleteAsync(CancellationToken.None);

    /// <summary>SHA-256 of method, path and the raw body, so the same key with another request is caught.</summary>
    private static async Task<byte[]> HashRequestAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.Body.CanSeek)
        {
            throw new InvalidOperationException($"{nameof(UseIdempotencyKeys)} must run before the endpoints.");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}\n"));
        request.Body.Position = 0;
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Runs the endpoint's result into memory, leaving status and headers on the response.</summary>
    private static async Task<byte[]> ExecuteIntoBufferAsync(HttpContext http, object? result)
    {
        if (result is not IResult executable)
        {
            throw new InvalidOperationException("Idempotent endpoints must return an IResult.");
        }

        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await executable.ExecuteAsync(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        return buffer.ToArray();
    }

    /// <summary>Marks endpoints whose body the buffering middleware must keep.</summary>
    private sealed class IdempotentEndpoint
    {
        public static readonly IdempotentEndpoint Instance = new();
    }

    /// <summary>The original answer, replayed as it was sent.</summary>
    private sealed class StoredResponse(IdempotencyRecord record) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = record.StatusCode;
            response.ContentType = record.ContentType;
            if (record.Location is not null)
            {
                response.Headers.Location = record.Location;
            }

            response.Headers[ReplayedHeaderName] = "true";
            response.ContentLength = record.Body.Length;
            return response.Body.WriteAsync(record.Body, httpContext.RequestAborted).AsTask();
        }
    }
}
