namespace Hop.Safety.Blocklist;

/// <summary>
/// The rules for what an admin asks of the blocklist, for the API and the admin pages alike: the values
/// to add, the action, the reason, and an import's format and name. Errors are keyed like ValidationProblem's.
/// </summary>
internal static class BlocklistRequests
{
    public const int MaxValuesPerRequest = 10_000;
    public const int MaxImportNameLength = 100;

    /// <summary>The normalized entries and the action of <paramref name="request"/>; <paramref name="errors"/> says what is wrong.</summary>
    public static (List<(string Value, BlocklistKind Kind)> Entries, BlocklistAction Action) ValidateAdd(
        BlocklistAddRequest request, Dictionary<string, string[]> errors)
    {
        var action = ParseAction(request.Action, "action", errors);
        CheckReason(request.Reason, errors);
        var entries = new List<(string, BlocklistKind)>();
        if (request.Value is not null && request.Values is not null)
        {
            errors["values"] = ["give either value or values, not both."];
        }
        else if (request.Values is { } values)
        {
            if (values.Count is 0 or > MaxValuesPerRequest)
            {
                errors["values"] = [$"must hold 1 to {MaxValuesPerRequest} values."];
            }

            for (var i = 0; i < values.Count && errors.Count < 20; i++)
            {
                Normalize(values[i], $"values[{i}]", entries, errors);
            }
        }
        else
        {
            Normalize(request.Value, "value", entries, errors);
        }

        return (entries, action);
    }

    /// <summary>The format and action of an import; <paramref name="errors"/> says what is wrong.</summary>
    public static (BlocklistFormat Format, BlocklistAction Action) ValidateImport(
        string? format, string? action, string? reason, string? name, Dictionary<string, string[]> errors)
    {
        var parsedAction = ParseAction(action, "action", errors);
        CheckReason(reason, errors);
        var parsedFormat = BlocklistFormat.Auto;
        if (format is not null && !TryParseFormat(format, out parsedFormat))
        {
            errors["format"] = ["must be auto, domains, hosts, adblock or urlhaus."];
        }

        if (name is { Length: > MaxImportNameLength })
        {
            errors["name"] = [$"must be at most {MaxImportNameLength} characters."];
        }

        return (parsedFormat, parsedAction);
    }

    /// <summary>Why a single value was not added: it is there already (and is left as it is).</summary>
    public static string AlreadyListed(string value) => $"'{value}' is already on the blocklist; remove it first to change it.";

    /// <summary>A format by name; numbers, which <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> would take, are refused.</summary>
    public static bool TryParseFormat(string text, out BlocklistFormat format) =>
        Enum.TryParse(text, ignoreCase: true, out format) && !char.IsAsciiDigit(text.TrimStart()[0]);

    private static void Normalize(string? text, string field, List<(string, BlocklistKind)> entries, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = ["is required: a domain or an exact http(s) URL."];
            return;
        }

        var (value, kind) = BlocklistValues.Normalize(text, out var error);
        if (value is null)
        {
            errors[field] = [$"'{text}' {error}"];
            return;
        }

        entries.Add((value, kind));
    }

    private static BlocklistAction ParseAction(string? text, string field, Dictionary<string, string[]> errors)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "block":
                return BlocklistAction.Block;
            case "review":
                return BlocklistAction.Review;
            default:
                errors[field] = ["must be block or review."];
                return BlocklistAction.Block;
        }
    }

    private static void CheckReason(string? reason, Dictionary<string, string[]> errors)
    {
        if (reason is { Length: > BlocklistEntry.MaxReasonLength })
        {
            errors["reason"] = [$"must be at most {BlocklistEntry.MaxReasonLength} characters."];
        }
    }
}
