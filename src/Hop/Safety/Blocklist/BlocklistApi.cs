using Hop.Accounts;
using Hop.Data;
using Hop.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Hop.Safety.Blocklist;

/// <summary><c>/api/v1/admin/blocklist</c>: list, add, remove and import entries.</summary>
internal static class BlocklistApi
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;
    private const int MaxValuesPerRequest = 10_000;

    public static void MapBlocklistApi(this WebApplication app)
    {
        var blocklist = app.MapAdminGroup().MapGroup("/blocklist");
        blocklist.MapGet("/", ListAsync).WithSummary("List blocklist entries, oldest first (search: part of the value)");
        blocklist.MapPost("/", AddAsync)
            .WithSummary("Block a domain (and its subdomains) or an exact URL, or put it under review; existing links are acted on at once")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AcceptsLargeBody();
        blocklist.MapDelete("/{id:long}", RemoveAsync)
            .WithSummary("Remove an entry; the links it disabled or flagged are restored")
            .ProducesProblem(StatusCodes.Status404NotFound);
        blocklist.MapPost("/import", ImportAsync)
            .WithSummary("Import a list: plain domains, hosts file, Adblock (||domain^) or URLhaus CSV (format=auto tells them apart)")
            .Accepts<string>("text/plain")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AcceptsLargeBody();
    }

    private static async Task<Ok<Page<BlocklistEntryResponse>>> ListAsync(
        HopDbContext db, string? search, long? after, int? limit, CancellationToken ct)
    {
        var take = Math.Clamp(limit ?? DefaultPageSize, 1, MaxPageSize);
        var query = db.Blocklist.AsNoTracking().Where(e => e.Id > (after ?? 0));
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            query = query.Where(e => e.Value.Contains(term));
        }

        var entries = await query.OrderBy(e => e.Id).Take(take + 1).ToListAsync(ct);
        return TypedResults.Ok(new Page<BlocklistEntryResponse>
        {
            Items = entries.Take(take).Select(BlocklistEntryResponse.From).ToList(),
            Next = entries.Count > take ? entries[take - 1].Id : null,
        });
    }

    private static async Task<Results<Created<BlocklistAddResponse>, Ok<BlocklistAddResponse>, ValidationProblem, ProblemHttpResult>> AddAsync(
        BlocklistAddRequest request, BlocklistEditor editor, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var action = ParseAction(request.Action, "action", errors);
        CheckReason(request.Reason, errors);
        var entries = new List<(string, BlocklistKind)>();
        if (request.Value is not null && request.Values is not null)
        {
            errors["values"] = ["give either value or values, not both."];
        }
        else if (request.Values is { } values)
        {
            if (values.Count is 0 or > MaxValuesPerRequest)
            {
                errors["values"] = [$"must hold 1 to {MaxValuesPerRequest} values."];
            }

            for (var i = 0; i < values.Count && errors.Count < 20; i++)
            {
                Normalize(values[i], $"values[{i}]", entries, errors);
            }
        }
        else
        {
            Normalize(request.Value, "value", entries, errors);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await editor.AddAsync(entries, action, request.Reason, "api", Caller.From(http.User).UserId, ct);
        if (request.Value is not null && result.Added.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already listed",
                detail: $"'{result.AlreadyPresent[0]}' is already on the blocklist; remove it first to change it.",
                extensions: new Dictionary<string, object?> { ["field"] = "value" });
        }

        var response = new BlocklistAddResponse
        {
            Entry = request.Value is null ? null : BlocklistEntryResponse.From(result.Added[0]),
            Entries = result.Added.Select(BlocklistEntryResponse.From).ToList(),
            AlreadyPresent = result.AlreadyPresent,
            LinksDisabled = result.LinksDisabled,
            LinksUnderReview = result.LinksUnderReview,
        };
        return result.Added.Count > 0
            ? TypedResults.Created($"/api/v1/admin/blocklist/{result.Added[0].Id}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<Results<Ok<BlocklistRemoveResponse>, ProblemHttpResult>> RemoveAsync(
        long id, BlocklistEditor editor, CancellationToken ct) =>
        await editor.RemoveAsync(id, ct) is { } restored
            ? TypedResults.Ok(new BlocklistRemoveResponse { Id = id, LinksRestored = restored })
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Entry not found",
                detail: $"No blocklist entry has the id {id}.");

    private static async Task<Results<Ok<BlocklistImportResult>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        BlocklistEditor editor, HttpContext http, string? format, string? action, string? reason, string? name, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var media) || !media.MediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            return Links.Problems.UnsupportedMediaType("text/plain", "text/csv");
        }

        var errors = new Dictionary<string, string[]>();
        var parsedAction = ParseAction(action, "action", errors);
        CheckReason(reason, errors);
        var parsedFormat = BlocklistFormat.Auto;
        if (format is not null && !TryParseFormat(format, out parsedFormat))
        {
            errors["format"] = ["must be auto, domains, hosts, adblock or urlhaus."];
        }

        if (name is { Length: > 100 })
        {
            errors["name"] = ["must be at most 100 characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // The body is bounded by Api:MaxBulkBodyBytes; read whole, since request bodies are read asynchronously only.
        using var body = new StreamReader(http.Request.Body);
        using var text = new StringReader(await body.ReadToEndAsync(ct));
        var result = await editor.ImportAsync(text, parsedFormat, parsedAction, reason, "import:" + (name ?? "api"),
            Caller.From(http.User).UserId, progress: null, ct);
        return TypedResults.Ok(result);
    }

    /// <summary>A format by name; numbers, which <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> would take, are refused.</summary>
    public static bool TryParseFormat(string text, out BlocklistFormat format) =>
        Enum.TryParse(text, ignoreCase: true, out format) && !char.IsAsciiDigit(text.TrimStart()[0]);

    private static void Normalize(string? text, string field, List<(string, BlocklistKind)> entries, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = ["is required: a domain or an exact http(s) URL."];
            return;
        }

        var (value, kind) = BlocklistValues.Normalize(text, out var error);
        if (value is null)
        {
            errors[field] = [$"'{text}' {error}"];
            return;
        }

        entries.Add((value, kind));
    }

    private static BlocklistAction ParseAction(string? text, string field, Dictionary<string, string[]> errors)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "block":
                return BlocklistAction.Block;
            case "review":
                return BlocklistAction.Review;
            default:
                errors[field] = ["must be block or review."];
                return BlocklistAction.Block;
        }
    }

    private static void CheckReason(string? reason, Dictionary<string, string[]> errors)
    {
        if (reason is { Length: > BlocklistEntry.MaxReasonLength })
        {
            errors["reason"] = [$"must be at most {BlocklistEntry.MaxReasonLength} characters."];
        }
    }
}
