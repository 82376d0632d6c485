namespace Hop.Accounts;

/// <summary>What an administrator's change to an account came to: done, or why not (a refused field, a refusal with a title, no such user).</summary>
internal sealed record UserChange
{
    public static readonly UserChange Done = new();

    public static readonly UserChange NotFound = new() { IsNotFound = true };

    public bool IsNotFound { get; private init; }

    /// <summary>Refused fields, by name, as a ValidationProblem has them.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; private init; }

    /// <summary>A refusal that is no field's fault (a 409), with a title and a sentence for people.</summary>
    public string? Title { get; private init; }

    public string? Detail { get; private init; }

    /// <summary>The field a refusal concerns, for the problem's <c>field</c> extension.</summary>
    public string Field { get; private init; } = "id";

    public bool Succeeded => !IsNotFound && Errors is null && Title is null;

    public static UserChange Invalid(string field, string reason) => new() { Errors = new Dictionary<string, string[]> { [field] = [reason] } };

    public static UserChange Refused(string title, string detail, string field = "id") => new() { Title = title, Detail = detail, Field = field };
}
