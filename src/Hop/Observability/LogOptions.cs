using System.ComponentModel.DataAnnotations;

namespace Hop.Observability;

internal sealed class LogOptions : IValidatableObject
{
    public const string Section = "Logs";

    public LogFormat Format { get; set; } = LogFormat.Auto;

    /// <summary>The format in effect when standard output is (or is not) redirected away from a terminal.</summary>
    public LogFormat Resolve(bool outputRedirected) =>
        Format != LogFormat.Auto ? Format : outputRedirected ? LogFormat.Json : LogFormat.Text;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Format))
        {
            yield return new ValidationResult("Logs:Format must be Auto, Json or Text.", [nameof(Format)]);
        }
    }
}
