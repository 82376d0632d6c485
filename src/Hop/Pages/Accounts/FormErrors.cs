using Microsoft.AspNetCore.Http.HttpResults;

namespace Hop.Pages.Accounts;

/// <summary>
/// The problems a feature type reports (ValidationProblem-shaped, or one ProblemDetails naming its field),
/// as a form shows them: keyed by field, each message starting with a capital letter.
/// </summary>
internal static class FormErrors
{
    /// <summary>The errors of a refused result, or null when <paramref name="result"/> is neither kind of refusal.</summary>
    public static Dictionary<string, string[]>? From(IResult result) => result switch
    {
        ValidationProblem validation => Friendly(validation.ProblemDetails.Errors),
        ProblemHttpResult problem => new Dictionary<string, string[]>
        {
            [problem.ProblemDetails.Extensions.TryGetValue("field", out var field) && field is string name ? name : ""] =
                [Sentence(problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "That did not work.")],
        },
        _ => null,
    };

    public static Dictionary<string, string[]> Friendly(IEnumerable<KeyValuePair<string, string[]>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(Sentence).ToArray());

    /// <summary>The messages of every field, for an error summary that lists them once without repeating field names.</summary>
    public static Dictionary<string, string[]>? Summary(IReadOnlyDictionary<string, string[]>? errors) =>
        errors is { Count: > 0 } ? new Dictionary<string, string[]> { [""] = [.. errors.Values.SelectMany(m => m)] } : null;

    /// <summary>"true" when the field has an error, for aria-invalid; null (no attribute) otherwise.</summary>
    public static string? Invalid(IReadOnlyDictionary<string, string[]>? errors, string field) =>
        errors is not null && errors.ContainsKey(field) ? "true" : null;

    /// <summary>The id of the field's <see cref="Shared.FieldError"/> when it has one, for aria-describedby.</summary>
    public static string? DescribedBy(IReadOnlyDictionary<string, string[]>? errors, string field, string? hintId = null)
    {
        var error = errors is not null && errors.ContainsKey(field) ? $"{field.Replace('.', '-')}-error" : null;
        return error is null ? hintId : hintId is null ? error : $"{hintId} {error}";
    }

    private static string Sentence(string message) =>
        message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..];
}
