using System.Globalization;
using System.Text.Json.Nodes;
using Hop.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using QRCoder;

namespace Hop.Links;

/// <summary><c>GET /api/v1/links/{code}/qr</c>: a QR code of the link's short URL, as SVG or PNG.</summary>
internal static class QrCodes
{
    public const int MinSize = 64;
    public const int MaxSize = 2048;
    public const int DefaultSize = 256;
    public const string Png = "png";
    public const string Svg = "svg";

    public static RouteHandlerBuilder MapQrCodes(this RouteGroupBuilder links) =>
        links.MapGet("/{code}/qr", GetAsync)
            .WithSummary("QR code of a link's short URL")
            .WithDescription($"`format` is `png` (default) or `svg`; `size` is the image's width and height in pixels, "
                + $"{MinSize}–{MaxSize} (default {DefaultSize}). A PNG is the largest whole number of pixels per module that fits.")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "image/png", "image/svg+xml")
            .AddOpenApiOperationTransformer(DescribeAsync)
            .RequireAuthorization(Scopes.LinksRead);

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> GetAsync(
        string code,
        string? domain,
        string? format,
        string? size,
        LinkStore store,
        Domains.DomainTable domains,
        HttpContext http,
        CancellationToken ct)
    {
        var errors = Validate(format, size, out var svg, out var pixels);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await store.FindAsync(code, domain, Caller.From(http.User), ct) is not { } link)
        {
            return Problems.LinkNotFound(code);
        }

        var shortUrl = domains.ShortUrl(link.DomainId, link.Code, http.Request);
        http.Response.Headers.CacheControl = "private, max-age=86400";
        return svg
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(RenderSvg(shortUrl, pixels)), "image/svg+xml")
            : TypedResults.File(RenderPng(shortUrl, pixels), "image/png");
    }

    /// <summary>The query values are read as text so that every invalid one is reported; the document says what they hold.</summary>
    private static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            parameter.Schema = parameter.Name switch
            {
                "format" => new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [JsonValue.Create(Png), JsonValue.Create(Svg)],
                    Default = JsonValue.Create(Png),
                },
                "size" => new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Minimum = MinSize.ToString(CultureInfo.InvariantCulture),
                    Maximum = MaxSize.ToString(CultureInfo.InvariantCulture),
                    Default = JsonValue.Create(DefaultSize),
                },
                _ => parameter.Schema,
            };
        }

        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } content)
        {
            foreach (var media in content.Values)
            {
                media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            }
        }

        return Task.CompletedTask;
    }

    internal static Dictionary<string, string[]> Validate(string? format, string? size, out bool svg, out int pixels)
    {
        var errors = new Dictionary<string, string[]>();
        svg = string.Equals(format, Svg, StringComparison.OrdinalIgnoreCase);
        if (format is not null && !svg && !string.Equals(format, Png, StringComparison.OrdinalIgnoreCase))
        {
            errors["format"] = [$"format must be '{Png}' or '{Svg}'."];
        }

        pixels = DefaultSize;
        if (size is not null
            && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pixels) || pixels is < MinSize or > MaxSize))
        {
            errors["size"] = [$"size must be a whole number of pixels from {MinSize} to {MaxSize}."];
        }

        return errors;
    }

    internal static byte[] RenderPng(string text, int size)
    {
        using var data = Encode(text);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(PixelsPerModule(data, size));
    }

    internal static string RenderSvg(string text, int size)
    {
        using var data = Encode(text);
        using var svg = new SvgQRCode(data);
        return svg.GetGraphic(new System.Drawing.Size(size, size), drawQuietZones: true, SvgQRCode.SizingMode.WidthHeightAttribute);
    }

    private static QRCodeData Encode(string text)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
    }

    /// <summary>The module matrix includes the quiet zone, so the image is modules × pixels wide.</summary>
    private static int PixelsPerModule(QRCodeData data, int size) => Math.Max(1, size / data.ModuleMatrix.Count);
}
