namespace Hop.Links;

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
