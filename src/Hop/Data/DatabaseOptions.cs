using System.ComponentModel.DataAnnotations;

namespace Hop.Data;

internal sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";
    public const string ClicksSection = "Clicks:Database";
    public const string DefaultSqlite = "Data Source=data/hop.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The configuration section these options were read from, for the messages that name a setting.</summary>
    internal string SectionName { get; set; } = Section;

    /// <summary>Defaults to <c>data/hop.db</c> under the working directory on SQLite; required on PostgreSQL.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up. Defaults to on for SQLite and off for PostgreSQL,
    /// where several instances start at once and <c>hop migrate</c> runs once per deployment.</summary>
    public bool? AutoMigrate { get; set; }

    public string EffectiveConnectionString =>
        ConnectionString is { Length: > 0 } value ? value
        : Provider == DatabaseProvider.Sqlite ? DefaultSqlite
        : "";

    public bool EffectiveAutoMigrate => AutoMigrate ?? Provider == DatabaseProvider.Sqlite;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return new ValidationResult($"{SectionName}:Provider must be Sqlite or Postgres.", [nameof(Provider)]);
        }

        if (Provider == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                $"{SectionName}:ConnectionString is required when {SectionName}:Provider is Postgres.", [nameof(ConnectionString)]);
        }
    }
}
