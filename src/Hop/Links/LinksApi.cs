using System.Text.Json;
using System.Text.Json.Nodes;
using Hop.Accounts;
using Hop.Domains;
using Hop.Hosting;
using Hop.Links.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Hop.Links;

/// <summary><c>/api/v1/links</c>: a caller's own links. The endpoints speak HTTP; <see cref="LinkStore"/> does the work.</summary>
internal static class LinksApi
{
    public const string MergePatchContentType = "application/merge-patch+json";

    public static void AddLinks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CodeOptions>()
            .BindConfiguration(CodeOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<LinkOptions>()
            .BindConfiguration(LinkOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<CodeAllocator>();
        builder.Services.AddScoped<LinkStore>();
        builder.Services.AddScoped<LinkModeration>();
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
            .WithCreateExample()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AddOpenApiOperationTransformer(CreateExampleAsync)
            .WithIdempotencyKey()
            .RequireCreateAuthorization(app.Services);
        links.MapPost("/batch", LinkBatch.CreateAsync)
            .WithSummary("Create up to 1,000 links at once; each item succeeds or fails on its own")
            .WithIdempotencyKey()
            .AcceptsLargeBody()
            .RequireAuthorization(Scopes.LinksWrite);
        links.MapGet("/export", LinkCsv.ExportAsync)
            .WithMetadata(HeavyRequest.Instance)
            .WithSummary("Export your links as CSV")
            .Produces<string>(StatusCodes.Status200OK, LinkCsv.ContentType)
            .RequireAuthorization(Scopes.LinksRead);
        links.MapPost("/import", LinkCsv.ImportAsync)
            .WithMetadata(HeavyRequest.Instance)
            .WithSummary("Import links from CSV (columns url, alias, domain, title, tags, expiresAt, rules, variants, preview_title, preview_description, preview_image)")
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .Accepts<string>(LinkCsv.ContentType)
            .AcceptsLargeBody()
            .RequireAuthorization(Scopes.LinksWrite);
        links.MapGet("/{code}", GetAsync)
            .WithSummary("Read a link (ETag; If-None-Match answers 304)")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone)
            .RequireAuthorization(Scopes.LinksRead);
        links.MapPatch("/{code}", PatchAsync)
            .WithSummary("Change a link with a JSON merge patch (RFC 7396); If-Match guards against lost updates")
            .ProducesProblems(
                StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status410Gone,
                StatusCodes.Status412PreconditionFailed, StatusCodes.Status415UnsupportedMediaType)
            .Accepts<LinkPatchDocument>(MergePatchContentType, "application/json")
            .WithPatchExample()
            .RequireAuthorization(Scopes.LinksWrite);
        links.MapDelete("/{code}", DeleteAsync)
            .WithSummary("Delete a link; its code answers 410 from then on and is never reissued")
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone, StatusCodes.Status412PreconditionFailed)
            .RequireAuthorization(Scopes.LinksWrite);
        links.MapQrCodes();
    }

    private static async Task<Results<Created<LinkResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateLinkRequest request, LinkStore store, TimeProvider time, DomainTable domains, HttpContext http,
        CancellationToken ct)
    {
        var written = await store.CreateAsync(request, Caller.From(http.User), ct);
        if (written.Status != LinkWriteStatus.Created)
        {
            return written.Status == LinkWriteStatus.Invalid
                ? TypedResults.ValidationProblem(written.Errors!)
                : Problems.Of(written, request.Alias ?? "");
        }

        var link = written.Link!;
        http.Response.Headers.ETag = ETags.Of(link);
        var response = LinkResponse.From(link, domains.AddressOf(link, http.Request), Timestamps.Now(time));
        return TypedResults.Created($"/api/v1/links/{link.Code}", response);
    }

    private static async Task<Results<Ok<LinkResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        string code, string? domain, LinkStore store, TimeProvider time, DomainTable domains, HttpContext http, CancellationToken ct)
    {
        var link = await store.FindAsync(code, domain, Caller.From(http.User), ct);
        if (link is null || link.DeletedAt is not null)
        {
            return Problems.Of(new LinkWrite(link is null ? LinkWriteStatus.NotFound : LinkWriteStatus.Gone, link), code);
        }

        http.Response.Headers.ETag = ETags.Of(link);
        if (ETags.IfNoneMatchHits(http.Request, link))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Ok(LinkResponse.From(link, domains.AddressOf(link, http.Request), Timestamps.Now(time)));
    }

    /// <summary>
    /// The body is read as raw JSON so that an absent member (left alone) and null (removed) stay
    /// distinct; <see cref="LinkRules.PatchAsync"/> checks every member before anything is written.
    /// </summary>
    private static async Task<Results<Ok<LinkResponse>, ValidationProblem, ProblemHttpResult>> PatchAsync(
        string code, string? domain, LinkStore store, TimeProvider time, DomainTable domains, HttpContext http, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var media)
            || !(media.MediaType.Equals(MergePatchContentType, StringComparison.OrdinalIgnoreCase)
                 || media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            return Problems.UnsupportedMediaType(MergePatchContentType, "application/json");
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { MaxDepth = 8 }, ct);
        }
        catch (JsonException e)
        {
            return Problems.BadBody($"The body is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var patch = document.RootElement;
            if (patch.ValueKind != JsonValueKind.Object)
            {
                return Problems.BadBody("A merge patch of a link is a JSON object.");
            }

            var written = await store.EditAsync(code, domain, Caller.From(http.User), IfMatchFails(http), (edit, editCt) => LinkRules.PatchAsync(patch, edit, editCt), ct);
            if (written.Status != LinkWriteStatus.Changed)
            {
                return written.Status == LinkWriteStatus.Invalid
                    ? TypedResults.ValidationProblem(written.Errors!)
                    : Problems.Of(written, code);
            }

            http.Response.Headers.ETag = ETags.Of(written.Link!);
            return TypedResults.Ok(LinkResponse.From(written.Link!, domains.AddressOf(written.Link!, http.Request), Timestamps.Now(time)));
        }
    }

    /// <summary>The row stays: the code answers 410 from then on and is never handed out again.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string code, string? domain, LinkStore store, HttpContext http, CancellationToken ct)
    {
        var written = await store.EditAsync(code, domain, Caller.From(http.User), IfMatchFails(http), (edit, _) =>
        {
            edit.Link.DeletedAt = edit.Now;
            return Task.FromResult(true);
        }, ct);
        return written.Status == LinkWriteStatus.Changed ? TypedResults.NoContent() : Problems.Of(written, code);
    }

    /// <summary>An example body: a link with its own alias on a domain other than the default one.</summary>
    private static Task CreateExampleAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true && json is OpenApiMediaType media)
        {
            media.Example = JsonNode.Parse("""{"url":"https://example.com/launch","alias":"launch","domain":"go.example.com","title":"Our launch"}""");
        }

        return Task.CompletedTask;
    }

    /// <summary>The request's If-Match as a test of a link's version; null when the request sends none.</summary>
    private static Func<Link, bool>? IfMatchFails(HttpContext http) =>
        http.Request.Headers.IfMatch.Count == 0 ? null : link => ETags.IfMatchFails(http.Request, link);
}
