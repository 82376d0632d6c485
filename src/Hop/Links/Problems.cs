using Microsoft.AspNetCore.Http.HttpResults;

namespace Hop.Links;

/// <summary>The expected failures of the links API, as ProblemDetails results.</summary>
internal static class Problems
{
    public static ProblemHttpResult LinkNotFound(string code) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Link not found",
        detail: $"No link has the code '{code}'.");

    public static ProblemHttpResult AliasTaken(string alias) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Alias already taken",
        detail: $"The alias '{alias}' is already in use.",
        extensions: new Dictionary<string, object?> { ["field"] = "alias" });
}
