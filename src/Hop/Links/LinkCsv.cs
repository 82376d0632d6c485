using System.Globalization;
using System.Text;
using Hop.Accounts;
using Hop.Data;
using Hop.Domains;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Hop.Links;

/// <summary><c>GET /api/v1/links/export</c> and <c>POST /api/v1/links/import</c>: links as RFC 4180 CSV.</summary>
internal static class LinkCsv
{
    public const string ContentType = "text/csv";
    public const int MaxImportRows = 10_000;

    private static readonly string[] ExportColumns = ["code", "url", "title", "tags", "expiresAt", "createdAt", "state", "domain"];

    /// <summary>Streams the caller's own links (not deleted ones), oldest first.</summary>
    public static PushStreamHttpResult ExportAsync(HopDbContext db, DomainTable domains, TimeProvider time, HttpContext http)
    {
        var caller = Caller.From(http.User);
        var now = Timestamps.Now(time);
        var links = db.Links.AsNoTracking()
            .Where(l => l.OwnerId == caller.UserId && l.DeletedAt == null && (caller.DomainId == null || l.DomainId == caller.DomainId))
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .AsAsyncEnumerable();
        return TypedResults.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024);
            await writer.WriteAsync(CsvText.Row(ExportColumns));
            await foreach (var link in links.WithCancellation(http.RequestAborted))
            {
                await writer.WriteAsync(CsvText.Row(
                [
                    link.Code,
                    link.TargetUrl,
                    link.Title ?? "",
                    string.Join(';', link.Tags),
                    link.ExpiresAt is { } expires ? Iso(expires) : "",
                    Iso(link.CreatedAt),
                    link.StateAt(now).ToString().ToLowerInvariant(),
                    (domains.ById(link.DomainId) ?? domains.Default).Host,
                ]));
            }
        }, $"{ContentType}; charset=utf-8", fileDownloadName: "hop-links.csv");
    }

    /// <summary>
    /// Creates a link per data row (columns url, alias — or code —, domain, title, tags separated by ';', expiresAt;
    /// others are ignored) and answers a result per row, like a batch.
    /// </summary>
    public static async Task<Results<Ok<BatchResponse>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        LinkStore store, DomainTable domains, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var media)
            || !media.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.UnsupportedMediaType(ContentType);
        }

        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var rows = CsvText.Parse(await reader.ReadToEndAsync(ct)).ToList();
        var header = rows.Count > 0 ? rows[0].Select(h => h.Trim().ToLowerInvariant()).ToList() : [];
        var column = (string name) => header.IndexOf(name.ToLowerInvariant());
        var (url, title, tags, expiresAt, domain) = (column("url"), column("title"), column("tags"), column("expiresAt"), column("domain"));
        var alias = column("alias") is >= 0 and var a ? a : column("code");
        if (url < 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["url"] = ["the first row must be a header naming at least the url column."],
            });
        }

        if (rows.Count - 1 > MaxImportRows)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["rows"] = [$"an import holds at most {MaxImportRows} rows."],
            });
        }

        var drafts = rows.Skip(1).Select(row =>
        {
            string? Cell(int index) => index >= 0 && index < row.Count && row[index].Length > 0 ? CsvText.Unguard(row[index]) : null;
            var errors = new Dictionary<string, string[]>();
            DateTimeOffset? expires = null;
            if (Cell(expiresAt) is { } text)
            {
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    expires = parsed;
                }
                else
                {
                    errors["expiresAt"] = ["expiresAt must be an ISO 8601 timestamp."];
                }
            }

            return new LinkDraft(new CreateLinkRequest
            {
                Url = Cell(url),
                Alias = Cell(alias),
                Domain = Cell(domain),
                Title = Cell(title),
                Tags = Cell(tags)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                ExpiresAt = expires,
            }, errors);
        }).ToList();

        // In chunks of a batch's size, so that no single save grows with the file.
        var caller = Caller.From(http.User);
        var results = new List<BatchItemResult>(drafts.Count);
        foreach (var chunk in drafts.Chunk(LinkBatch.MaxItems))
        {
            var written = await store.CreateManyAsync(chunk, caller, ct);
            var (offset, now) = (results.Count, Timestamps.Now(time));
            results.AddRange(written.Select((write, i) =>
                BatchItemResult.From(offset + i, write, link => domains.AddressOf(link, http.Request), now)));
        }

        return TypedResults.Ok(BatchResponse.From(results));
    }

    private static string Iso(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
