using Hop.Accounts;
using Hop.Data;
using Hop.Hosting;
using Hop.Redirects;
using Hop.Safety;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hop.Links;

internal static class LinksApi
{
    public static void AddLinks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CodeOptions>()
            .BindConfiguration(CodeOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<LinkOptions>().BindConfiguration(LinkOptions.Section);
        builder.Services.AddSingleton<CodeAllocator>();
        builder.AddIdempotency();
    }

    public static void MapLinks(this WebApplication app)
    {
        var links = app.MapGroup("/api/v1/links").WithTags("Links").RequireAuthorization();

        links.MapGet("/", LinkListing.ListAsync)
            .WithSummary("List your links, newest first, with cursor pagination and filters")
            .RequireAuthorization(Scopes.LinksRead);
        links.MapPost("/", CreateAsync)
            .WithSummary("Create a short link")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithIdempotencyKey()
            .RequireCreateAuthorization(app.Services);
        links.MapPost("/batch", LinkBatch.CreateAsync)
            .WithSummary("Create up to 1,000 links at once; each item succeeds or fails on its own")
            .WithIdempotencyKey()
            .AcceptsLargeBody()
            .RequireAuthorization(Scopes.LinksWrite);
        links.MapGet("/export", LinkCsv.ExportAsync)
            .WithSummary("Export your links as CSV")
            .Produces<string>(StatusCodes.Status200OK, LinkCsv.ContentType)
            .RequireAuthorization(Scopes.LinksRead);
        links.MapPost("/import", LinkCsv.ImportAsync)
            .WithSummary("Import links from CSV (columns url, alias, title, tags, expiresAt)")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .Accepts<string>(LinkCsv.ContentType)
            .AcceptsLargeBody()
            .RequireAuthorization(Scopes.LinksWrite);
        links.MapGet("/{code}", GetAsync)
            .WithSummary("Read a link (ETag; If-None-Match answers 304)")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .RequireAuthorization(Scopes.LinksRead);
        links.MapPatch("/{code}", LinkPatch.PatchAsync)
            .WithSummary("Change a link with a JSON merge patch (RFC 7396); If-Match guards against lost updates")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .Accepts<LinkPatchDocument>(LinkPatch.MergePatchContentType, "application/json")
            .RequireAuthorization(Scopes.LinksWrite);
        links.MapDelete("/{code}", DeleteAsync)
            .WithSummary("Delete a link; its code answers 410 from then on and is never reissued")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .RequireAuthorization(Scopes.LinksWrite);
        links.MapQrCodes();
    }

    private static async Task<Results<Created<LinkResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateLinkRequest request,
        HopDbContext db,
        CodeAllocator codes,
        LinkCache cache,
        TimeProvider time,
        PasswordHashing passwords,
        IOptions<LinkOptions> options,
        HttpContext http,
        CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var now = LinkFields.Now(time);
        var errors = Validate(request, now, out var link);
        if (link is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        link.OwnerId = caller.UserId;
        link.PasswordHash = request.Password is { } password ? passwords.Hash(password) : null;
        if (!await InsertAsync(db, codes, link, ct))
        {
            return Problems.AliasTaken(link.Code);
        }

        cache.Set(link);
        http.Response.Headers.ETag = ETags.Of(link);
        var response = LinkResponse.From(link, options.Value.ShortUrl(http.Request, link.Code), now);
        return TypedResults.Created($"/api/v1/links/{link.Code}", response);
    }

    private static async Task<Results<Ok<LinkResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        string code,
        HopDbContext db,
        TimeProvider time,
        IOptions<LinkOptions> options,
        HttpContext http,
        CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var link = await db.Links.AsNoTracking().VisibleTo(caller).FirstOrDefaultAsync(l => l.Code == code, ct);
        if (link is null)
        {
            return Problems.LinkNotFound(code);
        }

        if (link.DeletedAt is not null)
        {
            return Problems.LinkGone(code);
        }

        http.Response.Headers.ETag = ETags.Of(link);
        if (ETags.IfNoneMatchHits(http.Request, link))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(LinkResponse.From(link, options.Value.ShortUrl(http.Request, code), LinkFields.Now(time)));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string code, HopDbContext db, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        for (var attempt = 0; ; attempt++)
        {
            var (link, problem) = await LinkFields.FindForWriteAsync(db, caller, code, http.Request, ct);
            if (link is null)
            {
                return problem!;
            }

            var now = LinkFields.Now(time);
            link.DeletedAt = now;
            link.UpdatedAt = now;
            link.Version++;
            try
            {
                await db.SaveChangesAsync(ct);
                return TypedResults.NoContent();
            }
            catch (DbUpdateConcurrencyException) when (attempt < LinkPatch.MaxAttempts)
            {
                // Someone changed it meanwhile: read it again, so a deleted or If-Match-ed link answers right.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Inserts the link under its alias, or under the next generated code. A generated code that meets
    /// an existing alias is skipped; returns false only when a chosen alias is taken.
    /// </summary>
    internal static async Task<bool> InsertAsync(HopDbContext db, CodeAllocator codes, Link link, CancellationToken ct)
    {
        const int maxSkips = 1000;
        for (var attempt = 0; ; attempt++)
        {
            if (!link.IsCustomAlias)
            {
                link.Code = await codes.NextAsync(ct);
            }

            db.Links.Add(link);
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < maxSkips)
            {
                db.Entry(link).State = EntityState.Detached;
                link.Id = 0;
                if (link.IsCustomAlias)
                {
                    return false;
                }
            }
        }
    }

    /// <summary>
    /// Checks every field of a create request at once. When all are valid, <paramref name="link"/> is the
    /// new link (no owner, no password hash, no code unless an alias was asked for); otherwise it is null.
    /// </summary>
    internal static Dictionary<string, string[]> Validate(CreateLinkRequest request, DateTime now, out Link? link)
    {
        link = null;
        var errors = new Dictionary<string, string[]>();
        var target = TargetUrl.Normalize(request.Url, out var urlError);
        if (urlError is not null)
        {
            errors["url"] = [$"url {urlError}"];
        }

        if (request.Alias is not null && AliasRules.Check(request.Alias) is { } aliasError)
        {
            errors["alias"] = [$"alias {aliasError}"];
        }

        if (request.Title is { } title && LinkFields.CheckTitle(title) is { } titleError)
        {
            errors["title"] = [titleError];
        }

        if (request.ExpiresAt is { } expiresAt && LinkFields.CheckExpiresAt(expiresAt, now) is { } expiresError)
        {
            errors["expiresAt"] = [expiresError];
        }

        var tags = new List<string>();
        if (request.Tags is { } requested && LinkFields.NormalizeTags(requested, out tags) is { } tagsError)
        {
            errors["tags"] = [tagsError];
        }

        if (request.MaxVisits is { } maxVisits && LinkFields.CheckMaxVisits(maxVisits) is { } maxVisitsError)
        {
            errors["maxVisits"] = [maxVisitsError];
        }

        if (request.RedirectStatus is { } status && LinkFields.CheckRedirectStatus(status) is { } statusError)
        {
            errors["redirectStatus"] = [statusError];
        }

        if (request.Password is { } password && LinkFields.CheckPassword(password) is { } passwordError)
        {
            errors["password"] = [passwordError];
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        link = new Link
        {
            Code = request.Alias ?? "",
            TargetUrl = target!,
            IsCustomAlias = request.Alias is not null,
            Title = request.Title,
            Tags = tags,
            RedirectStatus = request.RedirectStatus ?? StatusCodes.Status302Found,
            ForwardQuery = request.ForwardQuery ?? false,
            ExpiresAt = request.ExpiresAt is { } at ? LinkFields.Truncate(at.UtcDateTime) : null,
            MaxVisits = request.MaxVisits,
            CreatedAt = now,
            UpdatedAt = now,
        };
        return errors;
    }
}
