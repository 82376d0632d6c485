using Microsoft.AspNetCore.Http.HttpResults;

namespace Hop.Links;

/// <summary>The expected failures of the links API, as ProblemDetails results.</summary>
internal static class Problems
{
    /// <summary>The problem a write that did not happen answers (any status but Created, Changed and Invalid).</summary>
    public static ProblemHttpResult Of(LinkWrite write, string code) => write.Status switch
    {
        LinkWriteStatus.AliasTaken => AliasTaken(write.Link?.Code ?? code),
        LinkWriteStatus.Gone => LinkGone(code),
        LinkWriteStatus.PreconditionFailed => PreconditionFailed(code, ETags.Of(write.Link!)),
        LinkWriteStatus.ConcurrentChange => ConcurrentChange(code),
        _ => LinkNotFound(code),
    };

    public static ProblemHttpResult LinkNotFound(string code) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Link not found",
        detail: $"No link has the code '{code}'.");

    public static ProblemHttpResult AliasTaken(string alias) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Alias already taken",
        detail: $"The alias '{alias}' is already in use.",
        extensions: new Dictionary<string, object?> { ["field"] = "alias" });

    public static ProblemHttpResult LinkGone(string code) => TypedResults.Problem(
        statusCode: StatusCodes.Status410Gone,
        title: "Link deleted",
        detail: $"The link '{code}' has been deleted; its code is never reissued.");

    public static ProblemHttpResult PreconditionFailed(string code, string etag) => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "Link has changed",
        detail: $"If-Match does not match the current version of '{code}' (ETag {etag}). Read it again and retry.",
        extensions: new Dictionary<string, object?> { ["field"] = "If-Match" });

    public static ProblemHttpResult ConcurrentChange(string code) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: "Link is being changed",
        detail: $"The link '{code}' kept changing while this request tried to apply; retry it.");

    public static ProblemHttpResult UnsupportedMediaType(params string[] accepted) => TypedResults.Problem(
        statusCode: StatusCodes.Status415UnsupportedMediaType,
        title: "Unsupported media type",
        detail: $"Send the body as {string.Join(" or ", accepted)}.",
        extensions: new Dictionary<string, object?> { ["field"] = "Content-Type" });

    public static ProblemHttpResult BadBody(string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Malformed request body",
        detail: detail);
}
