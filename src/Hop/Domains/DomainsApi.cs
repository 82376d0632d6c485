using System.Text.Json;
using Hop.Accounts;
using Hop.Links;
using Hop.Redirects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hop.Domains;

/// <summary>The domains: their table and its sync, <c>/api/v1/admin/domains</c>, and <c>GET /</c> per domain.</summary>
internal static class DomainsApi
{
    public static void AddDomains(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DomainOptions>()
            .BindConfiguration(DomainOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<DomainTable>();
        builder.Services.AddSingleton<DomainSync>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DomainSync>());
        builder.Services.AddScoped<DomainStore>();
    }

    public static void MapDomains(this WebApplication app)
    {
        var admin = app.MapAdminGroup();
        admin.MapGet("/domains", ListAsync).WithSummary("List the domains Hop answers on, the default one first");
        admin.MapPost("/domains", AddAsync).WithSummary("Add a domain (a public DNS name pointed at Hop)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPatch("/domains/{id:long}", PatchAsync)
            .WithSummary("Change a domain with a JSON merge patch: https, rootRedirect, notFoundRedirect, access, users (the host is fixed)")
            .Accepts<DomainRequest>(LinksApi.MergePatchContentType, "application/json");
        admin.MapDelete("/domains/{id:long}", RemoveAsync)
            .WithSummary("Remove a domain without links or API keys (the default domain stays)")
            .ProducesProblem(StatusCodes.Status409Conflict);

    }

    /// <summary>
    /// What "/" does depends on the domain: a root redirect when the domain has one, the start page on
    /// the default domain, 404 on any other domain and on a host Hop does not serve.
    /// </summary>
    public static void UseDomainRoots(this WebApplication app)
    {
        RedirectHandler? redirects = null;
        app.Use((http, next) => http.Request.Path.Value == "/"
            ? (redirects ??= app.Services.GetRequiredService<RedirectHandler>()).HandleRootAsync(http, next)
            : next(http));
    }

    private static async Task<Ok<DomainResponse[]>> ListAsync(DomainStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(ct)).Select(DomainResponse.From).ToArray());

    private static async Task<Results<Created<DomainResponse>, ValidationProblem, ProblemHttpResult>> AddAsync(
        DomainRequest request, DomainStore store, DomainSync sync, DomainTable table, CancellationToken ct)
    {
        var written = await store.AddAsync(request, ct);
        if (written.Status == DomainWriteStatus.Done)
        {
            await sync.AfterChangeAsync(ct);
            return TypedResults.Created($"/api/v1/admin/domains/{written.Domain!.Id}", DomainResponse.From(written.Domain));
        }

        return written.Status == DomainWriteStatus.Invalid ? TypedResults.ValidationProblem(written.Errors!) : Problem(written);
    }

    private static async Task<Results<Ok<DomainResponse>, ValidationProblem, ProblemHttpResult>> PatchAsync(
        long id, DomainStore store, DomainSync sync, HttpContext http, CancellationToken ct)
    {
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
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problems.BadBody("A merge patch of a domain is a JSON object.");
            }

            var written = await store.PatchAsync(id, document.RootElement, ct);
            if (written.Status == DomainWriteStatus.Done)
            {
                await sync.AfterChangeAsync(ct);
                return TypedResults.Ok(DomainResponse.From(written.Domain!));
            }

            return written.Status == DomainWriteStatus.Invalid ? TypedResults.ValidationProblem(written.Errors!) : Problem(written);
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(long id, DomainStore store, DomainSync sync, CancellationToken ct)
    {
        var written = await store.RemoveAsync(id, ct);
        if (written.Status != DomainWriteStatus.Done)
        {
            return Problem(written);
        }

        await sync.AfterChangeAsync(ct);
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult Problem(DomainWrite written)
    {
        var refusal = written.Refusal;
        return TypedResults.Problem(statusCode: refusal.Status, title: refusal.Title, detail: refusal.Detail,
            extensions: refusal.Field is { } field ? new Dictionary<string, object?> { ["field"] = field } : null);
    }
}
