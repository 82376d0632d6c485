using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Hop.Links;

/// <summary>
/// One row of <see cref="LinkRules"/>: a field, where a create request holds it, how a merge patch
/// spells it in JSON, the check that normalizes a value into a change, and what null means. The
/// factories below are the JSON kinds a field can have; the check is the same for every path.
/// </summary>
internal sealed class LinkRule
{
    private LinkRule(string name)
    {
        Name = name;
    }

    public string Name { get; }

    /// <summary>Another name a patch may use for the field.</summary>
    public string? OtherName { get; init; }

    /// <summary>Reads the field from a create request; null when a request cannot set it.</summary>
    public Action<CreateLinkRequest, LinkEdit>? FromRequest { get; private init; }

    /// <summary>Reads one member of a merge patch; null when a patch cannot change it (read-only).</summary>
    public Action<JsonElement, LinkEdit>? FromPatch { get; private init; }

    /// <summary>
    /// A text field. <paramref name="remove"/> is what null does in a patch (none: null is refused);
    /// <paramref name="required"/>: a create request must give it; <paramref name="patch"/>: false
    /// when only a create may set it.
    /// </summary>
    public static LinkRule Text(
        string name, Func<CreateLinkRequest, string?> request, Action<string, LinkEdit> check,
        Action<Link>? remove = null, string? wrongType = null, bool required = false, bool patch = true) =>
        Of(name, request, check, remove, required, patch, wrongType ?? (remove is null ? "must be a string." : "must be a string or null."),
            static (JsonElement json, out string value) =>
            {
                value = json.ValueKind == JsonValueKind.String ? json.GetString()! : "";
                return json.ValueKind == JsonValueKind.String;
            });

    /// <summary>A list of texts.</summary>
    public static LinkRule Texts(
        string name, Func<CreateLinkRequest, IReadOnlyList<string?>?> request, Action<IReadOnlyList<string?>, LinkEdit> check,
        Action<Link>? remove = null) =>
        Of(name, request, check, remove, required: false, patch: true, remove is null ? "must be an array of strings." : "must be an array of strings or null.",
            static (JsonElement json, out IReadOnlyList<string?> value) =>
            {
                var ok = json.ValueKind == JsonValueKind.Array && json.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String);
                value = ok ? [.. json.EnumerateArray().Select(t => t.GetString())] : [];
                return ok;
            });

    /// <summary>A point in time (ISO 8601).</summary>
    public static LinkRule Time(
        string name, Func<CreateLinkRequest, DateTimeOffset?> request, Action<DateTimeOffset, LinkEdit> check,
        Action<Link>? remove = null) =>
        Of(name, request, check, remove, patch: true,
            remove is null ? "must be an ISO 8601 timestamp." : "must be an ISO 8601 timestamp or null.",
            static (JsonElement json, out DateTimeOffset value) =>
            {
                value = default;
                return json.ValueKind == JsonValueKind.String && json.TryGetDateTimeOffset(out value);
            });

    /// <summary>A whole number.</summary>
    public static LinkRule Whole(
        string name, Func<CreateLinkRequest, long?> request, Action<long, LinkEdit> check,
        Action<Link>? remove = null, string? wrongType = null) =>
        Of(name, request, check, remove, patch: true,
            wrongType ?? (remove is null ? "must be a whole number." : "must be a whole number or null."),
            static (JsonElement json, out long value) =>
            {
                value = 0;
                return json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out value);
            });

    /// <summary>True or false; never removed.</summary>
    public static LinkRule Flag(string name, Func<CreateLinkRequest, bool?>? request, Action<bool, LinkEdit> check) =>
        Of(name, request, check, remove: null, patch: true, "must be true or false.",
            static (JsonElement json, out bool value) =>
            {
                value = json.ValueKind == JsonValueKind.True;
                return json.ValueKind is JsonValueKind.True or JsonValueKind.False;
            });

    /// <summary>
    /// A structured value read with the app's JSON context. <paramref name="patch"/> replaces how a merge
    /// patch reads it, for a value merged member by member rather than replaced.
    /// </summary>
    public static LinkRule Json<T>(
        string name, Func<CreateLinkRequest, T?> request, Action<T, LinkEdit> check, JsonTypeInfo<T> type,
        Action<Link> remove, string wrongType, Action<JsonElement, LinkEdit>? patch = null)
        where T : class
    {
        var rule = Of(name, request, check, remove, required: false, patch: true, wrongType,
            (JsonElement json, out T value) =>
            {
                try
                {
                    value = json.Deserialize(type)!;
                    return value is not null;
                }
                catch (JsonException)
                {
                    value = null!;
                    return false;
                }
            });
        return patch is null ? rule : new LinkRule(name) { FromRequest = rule.FromRequest, FromPatch = patch };
    }

    private delegate bool JsonReader<T>(JsonElement json, out T value);

    private static LinkRule Of<T>(
        string name, Func<CreateLinkRequest, T?> request, Action<T, LinkEdit> check, Action<Link>? remove, bool required,
        bool patch, string wrongType, JsonReader<T> read)
        where T : class =>
        new(name)
        {
            FromRequest = (r, edit) =>
            {
                if (request(r) is { } value)
                {
                    check(value, edit);
                }
                else if (required)
                {
                    edit.Refuse($"{name} is required.");
                }
            },
            FromPatch = patch ? (json, edit) => Patched(json, read, check, remove, wrongType, edit) : null,
        };

    private static LinkRule Of<T>(
        string name, Func<CreateLinkRequest, T?>? request, Action<T, LinkEdit> check, Action<Link>? remove, bool patch,
        string wrongType, JsonReader<T> read)
        where T : struct =>
        new(name)
        {
            FromRequest = request is null ? null : (r, edit) =>
            {
                if (request(r) is { } value)
                {
                    check(value, edit);
                }
            },
            FromPatch = patch ? (json, edit) => Patched(json, read, check, remove, wrongType, edit) : null,
        };

    private static void Patched<T>(
        JsonElement json, JsonReader<T> read, Action<T, LinkEdit> check, Action<Link>? remove, string wrongType, LinkEdit edit)
    {
        if (json.ValueKind == JsonValueKind.Null && remove is not null)
        {
            edit.Write(remove);
        }
        else if (read(json, out var value))
        {
            check(value, edit);
        }
        else
        {
            edit.Refuse($"{edit.Field} {wrongType}");
        }
    }
}
