using Hop.Accounts;
using Hop.Domains;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Hop.Links;

/// <summary><c>POST /api/v1/links/batch</c>: many creates at once, each checked and answered on its own.</summary>
internal static class LinkBatch
{
    public const int MaxItems = 1000;

    public static async Task<Results<Ok<BatchResponse>, ValidationProblem>> CreateAsync(
        BatchRequest request, LinkStore store, DomainTable domains, TimeProvider time, HttpContext http,
        CancellationToken ct)
    {
        if (request.Items is not { Count: > 0 and <= MaxItems } items)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["items"] = [$"items must hold 1 to {MaxItems} links."],
            });
        }

        var drafts = items.Select(item => new LinkDraft(item ?? new CreateLinkRequest())).ToList();
        var written = await store.CreateManyAsync(drafts, Caller.From(http.User), ct);
        var now = Timestamps.Now(time);
        var results = written.Select((write, index) =>
            BatchItemResult.From(index, write, link => domains.AddressOf(link, http.Request), now)).ToList();
        return TypedResults.Ok(BatchResponse.From(results));
    }
}
