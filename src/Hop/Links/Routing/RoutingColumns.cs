using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Hop.Hosting;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Hop.Links.Routing;

/// <summary>
/// How a link's rules and variants are stored: JSON text in a column of the links row, the same on
/// both providers, so the redirect reader takes them with the rest of the row in one read.
/// </summary>
internal static class RoutingColumns
{
    public static readonly ValueConverter<List<RedirectRule>?, string?> Rules = Json(HopJsonContext.Default.ListRedirectRule);
    public static readonly ValueConverter<List<Variant>?, string?> Variants = Json(HopJsonContext.Default.ListVariant);
    public static readonly ValueComparer<List<RedirectRule>?> RulesComparer = Comparer(HopJsonContext.Default.ListRedirectRule);
    public static readonly ValueComparer<List<Variant>?> VariantsComparer = Comparer(HopJsonContext.Default.ListVariant);

    public static List<RedirectRule>? ReadRules(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, HopJsonContext.Default.ListRedirectRule);

    public static List<Variant>? ReadVariants(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, HopJsonContext.Default.ListVariant);

    public static string? Write<T>(List<T>? values, JsonTypeInfo<List<T>> type) =>
        values is null ? null : JsonSerializer.Serialize(values, type);

    private static ValueConverter<List<T>?, string?> Json<T>(JsonTypeInfo<List<T>> type) =>
        new(v => Write(v, type), s => s == null ? null : JsonSerializer.Deserialize(s, type));

    /// <summary>Records compare by reference inside a list, so changes are detected on the JSON text.</summary>
    private static ValueComparer<List<T>?> Comparer<T>(JsonTypeInfo<List<T>> type) =>
        new((a, b) => Write(a, type) == Write(b, type), v => (Write(v, type) ?? "").GetHashCode(StringComparison.Ordinal),
            v => v == null ? null : JsonSerializer.Deserialize(Write(v, type)!, type));
}
