using Hop.Data;
using Hop.Redirects;
using Hop.Safety;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hop.Links;

internal static class LinksApi
{
    private const int MaxTitleLength = 200;

    public static void AddLinks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CodeOptions>()
            .BindConfiguration(CodeOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<LinkOptions>().BindConfiguration(LinkOptions.Section);
        builder.Services.AddSingleton<CodeAllocator>();
        builder.Services.AddSingleton(TimeProvider.System);
    }

    public static void MapLinks(this WebApplication app)
    {
        var links = app.MapGroup("/api/v1/links").WithTags("Links");
        links.MapPost("/", CreateAsync).WithSummary("Create a short link");
        links.MapGet("/{code}", GetAsync).WithSummary("Read a link");
    }

    private static async Task<Results<Created<LinkResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateLinkRequest request,
        HopDbContext db,
        CodeAllocator codes,
        LinkCache cache,
        TimeProvider time,
        IOptions<LinkOptions> options,
        HttpRequest http,
        CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var errors = Validate(request, now, out var target);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var link = new Link
        {
            Code = request.Alias ?? "",
            TargetUrl = target!,
            IsCustomAlias = request.Alias is not null,
            Title = request.Title,
            ExpiresAt = request.ExpiresAt?.UtcDateTime,
            CreatedAt = now,
            UpdatedAt = now,
        };

        if (!await InsertAsync(db, codes, link, ct))
        {
            return Problems.AliasTaken(link.Code);
        }

        cache.Set(link);

        var response = LinkResponse.From(link, options.Value.ShortUrl(http, link.Code), now);
        return TypedResults.Created($"/api/v1/links/{link.Code}", response);
    }

    private static async Task<Results<Ok<LinkResponse>, ProblemHttpResult>> GetAsync(
        string code,
        HopDbContext db,
        TimeProvider time,
        IOptions<LinkOptions> options,
        HttpRequest http,
        CancellationToken ct)
    {
        var link = await db.Links.AsNoTracking().FirstOrDefaultAsync(l => l.Code == code, ct);
        if (link is null)
        {
            return Problems.LinkNotFound(code);
        }

        return TypedResults.Ok(LinkResponse.From(link, options.Value.ShortUrl(http, code), time.GetUtcNow().UtcDateTime));
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

    internal static Dictionary<string, string[]> Validate(CreateLinkRequest request, DateTime now, out string? target)
    {
        var errors = new Dictionary<string, string[]>();
        target = TargetUrl.Normalize(request.Url, out var urlError);
        if (urlError is not null)
        {
            errors["url"] = [$"url {urlError}"];
        }

        if (request.Alias is not null && AliasRules.Check(request.Alias) is { } aliasError)
        {
            errors["alias"] = [$"alias {aliasError}"];
        }

        if (request.Title is { } title && (title.Length > MaxTitleLength || title.Any(char.IsControl)))
        {
            errors["title"] = [$"title must be at most {MaxTitleLength} characters without control characters."];
        }

        if (request.ExpiresAt is { } expiresAt && expiresAt.UtcDateTime <= now)
        {
            errors["expiresAt"] = ["expiresAt must be in the future."];
        }

        return errors;
    }
}
