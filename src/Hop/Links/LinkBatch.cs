using Hop.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Hop.Links;

/// <summary><c>POST /api/v1/links/batch</c>: many creates at once, each checked and answered on its own.</summary>
internal static class LinkBatch
{
    public const int MaxItems = 1000;

    public static async Task<Results<Ok<BatchResponse>, ValidationProblem>> CreateAsync(
        BatchRequest request, LinkStore store, TimeProvider time, IOptions<LinkOptions> options, HttpContext http,
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
        var written = await store.CreateManyAsync(drafts, Caller.From(http.User), http.Request.Host.Host, ct);
        var now = Timestamps.Now(time);
        var results = written.Select((write, index) =>
            BatchItemResult.From(index, write, code => options.Value.ShortUrl(http.Request, code), now)).ToList();
        return TypedResults.Ok(BatchResponse.From(results));
    }
}
