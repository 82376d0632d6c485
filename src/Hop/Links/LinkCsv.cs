using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hop.Accounts;
using Hop.Data;
using Hop.Domains;
using Hop.Hosting;
using Hop.Links.Routing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Hop.Links;

/// <summary><c>GET /api/v1/links/export</c> and <c>POST /api/v1/links/import</c>: links as RFC 4180 CSV.</summary>
internal static class LinkCsv
{
    public const string ContentType = "text/csv";
    public const int MaxImportRows = 10_000;

    private static readonly string[] ExportColumns =
    [
        "code", "url", "title", "tags", "expiresAt", "createdAt", "state", "domain",
        "rules", "variants", "preview_title", "preview_description", "preview_image",
    ];

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
                    RoutingColumns.Write(link.Rules, HopJsonContext.Default.ListRedirectRule) ?? "",
                    RoutingColumns.Write(link.Variants, HopJsonContext.Default.ListVariant) ?? "",
                    link.PreviewTitle ?? "",
                    link.PreviewDescription ?? "",
                    link.PreviewImage ?? "",
                ]));
            }
        }, $"{ContentType}; charset=utf-8", fileDownloadName: "hop-links.csv");
    }

    /// <summary><c>POST /api/v1/links/import</c>: the body is the CSV file (see <see cref="ImportTextAsync"/>).</summary>
    public static async Task<Results<Ok<BatchResponse>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        LinkStore store, DomainTable domains, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var media)
            || !media.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.UnsupportedMediaType(ContentType);
        }

        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var import = await ImportTextAsync(await reader.ReadToEndAsync(ct), store, Caller.From(http.User),
            link => domains.AddressOf(link, http.Request), time, ct);
        return import.Response is { } response ? TypedResults.Ok(response) : TypedResults.ValidationProblem(import.Errors);
    }

    /// <summary>
    /// Creates a link per data row of <paramref name="text"/> for <paramref name="caller"/> (columns url,
    /// alias — or code —, domain, title, tags separated by ';', expiresAt, rules and variants as JSON text,
    /// preview_title, preview_description, preview_image; others are ignored) and reports each row on its
    /// own, like a batch. The API's import and the dashboard's both come here. A file without a url column
    /// or with more than <see cref="MaxImportRows"/> rows is refused whole.
    /// </summary>
    public static async Task<CsvImport> ImportTextAsync(
        string text, LinkStore store, Caller caller, Func<Link, LinkAddress> addressOf, TimeProvider time, CancellationToken ct)
    {
        var rows = CsvText.Parse(text).ToList();
        var header = rows.Count > 0 ? rows[0].Select(h => h.Trim().ToLowerInvariant()).ToList() : [];
        var column = (string name) => header.IndexOf(name.ToLowerInvariant());
        var (url, title, tags, expiresAt, domain) = (column("url"), column("title"), column("tags"), column("expiresAt"), column("domain"));
        var alias = column("alias") is >= 0 and var a ? a : column("code");
        var (rules, variants) = (column("rules"), column("variants"));
        var (previewTitle, previewDescription, previewImage) = (column("preview_title"), column("preview_description"), column("preview_image"));
        if (url < 0)
        {
            return CsvImport.Refused("url", "the first row must be a header naming at least the url column.");
        }

        if (rows.Count - 1 > MaxImportRows)
        {
            return CsvImport.Refused("rows", $"an import holds at most {MaxImportRows} rows.");
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

            var preview = new LinkPreview { Title = Cell(previewTitle), Description = Cell(previewDescription), Image = Cell(previewImage) };
            return new LinkDraft(new CreateLinkRequest
            {
                Rules = Json(Cell(rules), "rules", HopJsonContext.Default.IReadOnlyListRedirectRule, errors),
                Variants = Json(Cell(variants), "variants", HopJsonContext.Default.IReadOnlyListVariant, errors),
                Preview = preview.IsEmpty ? null : preview,
                Url = Cell(url),
                Alias = Cell(alias),
                Domain = Cell(domain),
                Title = Cell(title),
                Tags = Cell(tags)?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                ExpiresAt = expires,
            }, errors);
        }).ToList();

        // In chunks of a batch's size, so that no single save grows with the file.
        var results = new List<BatchItemResult>(drafts.Count);
        foreach (var chunk in drafts.Chunk(LinkBatch.MaxItems))
        {
            var written = await store.CreateManyAsync(chunk, caller, ct);
            var (offset, now) = (results.Count, Timestamps.Now(time));
            results.AddRange(written.Select((write, i) => BatchItemResult.From(offset + i, write, addressOf, now)));
        }

        return new CsvImport(BatchResponse.From(results), drafts, new Dictionary<string, string[]>());
    }

    /// <summary>A cell of JSON text; unreadable JSON is refused under the column's name, like a request's.</summary>
    private static T? Json<T>(string? text, string field, JsonTypeInfo<T> type, Dictionary<string, string[]> errors)
        where T : class
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, type);
        }
        catch (JsonException e)
        {
            errors[field] = [$"{field} must be JSON text of the API's shape: {e.Message}"];
            return null;
        }
    }

    private static string Iso(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
