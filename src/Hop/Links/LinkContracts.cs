namespace Hop.Links;

internal sealed record CreateLinkRequest
{
    public string? Url { get; init; }
    public string? Alias { get; init; }
    public string? Title { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public long? MaxVisits { get; init; }
    /// <summary>301, 302 (default), 307 or 308.</summary>
    public int? RedirectStatus { get; init; }
    public bool? ForwardQuery { get; init; }
    /// <summary>When set, visitors must enter it before they are redirected; stored only as a hash.</summary>
    public string? Password { get; init; }
}

internal sealed record LinkResponse
{
    public required string Code { get; init; }
    public required string ShortUrl { get; init; }
    public required string Url { get; init; }
    public string? Title { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required int RedirectStatus { get; init; }
    public required bool ForwardQuery { get; init; }
    public DateTime? ExpiresAt { get; init; }
    public long? MaxVisits { get; init; }
    public required bool HasPassword { get; init; }
    public required string State { get; init; }
    public string? DisabledReason { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    public DateTime? DeletedAt { get; init; }

    public static LinkResponse From(Link link, string shortUrl, DateTime now) => new()
    {
        Code = link.Code,
        ShortUrl = shortUrl,
        Url = link.TargetUrl,
        Title = link.Title,
        Tags = link.Tags,
        RedirectStatus = link.RedirectStatus,
        ForwardQuery = link.ForwardQuery,
        ExpiresAt = link.ExpiresAt,
        MaxVisits = link.MaxVisits,
        HasPassword = link.PasswordHash is not null,
        State = link.StateAt(now).ToString().ToLowerInvariant(),
        DisabledReason = link.DisabledReason,
        CreatedAt = link.CreatedAt,
        UpdatedAt = link.UpdatedAt,
        DeletedAt = link.DeletedAt,
    };
}

/// <summary>One page of <c>GET /api/v1/links</c>; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record LinkPage
{
    public required IReadOnlyList<LinkResponse> Items { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.Never)]
    public required string? NextCursor { get; init; }
}

/// <summary>
/// The fields <c>PATCH /api/v1/links/{code}</c> accepts, as a JSON merge patch (RFC 7396): a field that is
/// absent is left alone, null removes it. Describes the body for the OpenAPI document; the handler reads
/// the raw JSON so that absent and null stay distinct.
/// </summary>
internal sealed record LinkPatchDocument
{
    public string? Url { get; init; }
    public string? Title { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public long? MaxVisits { get; init; }
    public int? RedirectStatus { get; init; }
    public bool? ForwardQuery { get; init; }
    public string? Password { get; init; }
    public bool? Disabled { get; init; }
}

internal sealed record BatchRequest
{
    public IReadOnlyList<CreateLinkRequest?>? Items { get; init; }
}

/// <summary>The outcome of a batch or an import: one result per item, in request order.</summary>
internal sealed record BatchResponse
{
    public required int Created { get; init; }
    public required int Failed { get; init; }
    public required IReadOnlyList<BatchItemResult> Items { get; init; }

    public static BatchResponse From(IReadOnlyList<BatchItemResult> items) => new()
    {
        Created = items.Count(r => r.Status == StatusCodes.Status201Created),
        Failed = items.Count(r => r.Status != StatusCodes.Status201Created),
        Items = items,
    };
}

internal sealed record BatchItemResult
{
    /// <summary>Position in the request's items (0-based), or the CSV data row (0-based, header excluded).</summary>
    public required int Index { get; init; }
    /// <summary>201 when created, otherwise the status a single create would have answered.</summary>
    public required int Status { get; init; }
    public LinkResponse? Link { get; init; }
    public ItemProblem? Problem { get; init; }

    /// <summary>One item's answer: the link as a single create would answer it, or its problem.</summary>
    public static BatchItemResult From(int index, LinkWrite write, Func<string, string> shortUrl, DateTime now)
    {
        if (write.Status == LinkWriteStatus.Created)
        {
            var link = write.Link!;
            return new() { Index = index, Status = StatusCodes.Status201Created, Link = LinkResponse.From(link, shortUrl(link.Code), now) };
        }

        var problem = write.Status == LinkWriteStatus.AliasTaken ? ItemProblem.AliasTaken(write.Link!.Code) : ItemProblem.Invalid(write.Errors!);
        return new() { Index = index, Status = problem.Status, Problem = problem };
    }
}

/// <summary>ProblemDetails (RFC 9457) of one item that was not created.</summary>
internal sealed record ItemProblem
{
    public required string Title { get; init; }
    public required int Status { get; init; }
    public string? Detail { get; init; }
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>The ProblemDetails a single create would have answered.</summary>
    public static ItemProblem Invalid(IReadOnlyDictionary<string, string[]> errors) => new()
    {
        Title = "One or more validation errors occurred.",
        Status = StatusCodes.Status400BadRequest,
        Errors = errors,
    };

    public static ItemProblem AliasTaken(string alias) => new()
    {
        Title = "Alias already taken",
        Status = StatusCodes.Status409Conflict,
        Detail = $"The alias '{alias}' is already in use.",
        Errors = new Dictionary<string, string[]> { ["alias"] = ["alias is already in use."] },
    };
}
