using Hop.Accounts;
using Hop.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hop.Links;

/// <summary><c>POST /api/v1/links/batch</c>, and the many-links insert that import shares with it.</summary>
internal static class LinkBatch
{
    public const int MaxItems = 1000;

    public static async Task<Results<Ok<BatchResponse>, ValidationProblem>> CreateAsync(
        BatchRequest request,
        HopDbContext db,
        CodeAllocator codes,
        TimeProvider time,
        PasswordHashing passwords,
        IOptions<LinkOptions> options,
        HttpContext http,
        CancellationToken ct)
    {
        if (request.Items is not { Count: > 0 and <= MaxItems } items)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["items"] = [$"items must hold 1 to {MaxItems} links."],
            });
        }

        var candidates = items.Select(item => new Candidate(item ?? new CreateLinkRequest())).ToList();
        var results = await CreateManyAsync(candidates, db, codes, time, passwords, options.Value, http, ct);
        return TypedResults.Ok(Summarize(results));
    }

    public static BatchResponse Summarize(IReadOnlyList<BatchItemResult> results) => new()
    {
        Created = results.Count(r => r.Status == StatusCodes.Status201Created),
        Failed = results.Count(r => r.Status != StatusCodes.Status201Created),
        Items = results,
    };

    /// <summary>A request to create one link, with any problems already found while reading it (import).</summary>
    internal sealed record Candidate(CreateLinkRequest Request, Dictionary<string, string[]>? Errors = null);

    /// <summary>
    /// Validates each candidate on its own and creates the valid ones: all in one SaveChanges when nothing
    /// collides, and one by one (each alias conflict reported on its own item) when something does.
    /// </summary>
    public static async Task<List<BatchItemResult>> CreateManyAsync(
        IReadOnlyList<Candidate> candidates,
        HopDbContext db,
        CodeAllocator codes,
        TimeProvider time,
        PasswordHashing passwords,
        LinkOptions options,
        HttpContext http,
        CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var now = LinkFields.Now(time);
        var results = new BatchItemResult?[candidates.Count];
        var valid = new List<(int Index, Link Link)>();
        for (var i = 0; i < candidates.Count; i++)
        {
            var (request, readErrors) = candidates[i];
            var errors = LinksApi.Validate(request, now, out var link);
            foreach (var (field, reasons) in readErrors ?? [])
            {
                errors[field] = reasons;
            }

            if (link is null || errors.Count > 0)
            {
                results[i] = Failed(i, Problems.Invalid(errors));
                continue;
            }

            link.OwnerId = caller.UserId;
            link.PasswordHash = request.Password is { } password ? passwords.Hash(password) : null;

            // A microsecond apart, so that listing and export keep the request's order.
            link.CreatedAt = link.UpdatedAt = now.AddTicks(i * 10);
            valid.Add((i, link));
        }

        // Aliases taken already, or asked for twice in this batch, fail on their own item before the insert.
        var aliases = valid.Where(v => v.Link.IsCustomAlias).Select(v => v.Link.Code).Distinct().ToList();
        var taken = aliases.Count == 0 ? []
            : (await db.Links.Where(l => aliases.Contains(l.Code)).Select(l => l.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var toInsert = new List<(int Index, Link Link)>(valid.Count);
        foreach (var (index, link) in valid)
        {
            if (link.IsCustomAlias && !taken.Add(link.Code))
            {
                results[index] = Failed(index, Problems.AliasTakenItem(link.Code));
                continue;
            }

            if (!link.IsCustomAlias)
            {
                link.Code = await codes.NextAsync(ct);
            }

            toInsert.Add((index, link));
        }

        if (toInsert.Count > 0 && !await TryInsertAllAsync(db, toInsert.Select(v => v.Link), ct))
        {
            // Someone took an alias (or a generated code met one) since the check: fall back to one by one.
            foreach (var (index, link) in toInsert)
            {
                if (!await LinksApi.InsertAsync(db, codes, link, ct))
                {
                    results[index] = Failed(index, Problems.AliasTakenItem(link.Code));
                }
            }
        }

        foreach (var (index, link) in toInsert)
        {
            results[index] ??= new BatchItemResult
            {
                Index = index,
                Status = StatusCodes.Status201Created,
                Link = LinkResponse.From(link, options.ShortUrl(http.Request, link.Code), now),
            };
        }

        return [.. results.Select(r => r!)];
    }

    private static async Task<bool> TryInsertAllAsync(HopDbContext db, IEnumerable<Link> links, CancellationToken ct)
    {
        var list = links.ToList();
        db.Links.AddRange(list);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            foreach (var link in list)
            {
                link.Id = 0;
            }

            return false;
        }
    }

    private static BatchItemResult Failed(int index, ItemProblem problem) =>
        new() { Index = index, Status = problem.Status, Problem = problem };
}
