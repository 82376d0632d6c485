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
            .WithMetadata(HeavyRequest.Instance)
            .WithSummary("Import a list: plain domains, hosts file, Adblock (||domain^) or URLhaus CSV (format=auto tells them apart)")
            .Accepts<string>("text/plain")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AcceptsLargeBody();
    }

    private static async Task<Ok<Page<BlocklistEntryResponse>>> ListAsync(
        HopDbContext db, string? search, long? after, int? limit, CancellationToken ct)
    {
        var page = await BlocklistListing.ListAsync(db, search, after ?? 0, Math.Clamp(limit ?? DefaultPageSize, 1, MaxPageSize), newestFirst: false, ct);
        return TypedResults.Ok(new Page<BlocklistEntryResponse> { Items = page.Items.Select(BlocklistEntryResponse.From).ToList(), Next = page.Next });
    }

    private static async Task<Results<Created<BlocklistAddResponse>, Ok<BlocklistAddResponse>, ValidationProblem, ProblemHttpResult>> AddAsync(
        BlocklistAddRequest request, BlocklistEditor editor, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var (entries, action) = BlocklistRequests.ValidateAdd(request, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var result = await editor.AddAsync(entries, action, request.Reason, "api", Caller.From(http.User).UserId, ct);
        if (request.Value is not null && result.Added.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already listed",
                detail: BlocklistRequests.AlreadyListed(result.AlreadyPresent[0]),
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
        var (parsedFormat, parsedAction) = BlocklistRequests.ValidateImport(format, action, reason, name, errors);
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

    /// <summary>A format by name; numbers are refused.</summary>
    public static bool TryParseFormat(string text, out BlocklistFormat format) => BlocklistRequests.TryParseFormat(text, out format);
}
