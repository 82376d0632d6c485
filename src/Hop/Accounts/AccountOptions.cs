using System.ComponentModel.DataAnnotations;

namespace Hop.Accounts;

internal sealed class AccountOptions : IValidatableObject
{
    public const string Section = "Accounts";

    /// <summary>Invite by default: an open sign-up page on a fresh install invites spam and abuse.</summary>
    public RegistrationMode Registration { get; set; } = RegistrationMode.Invite;

    [Range(8, 128)]
    public int MinPasswordLength { get; set; } = 12;

    /// <summary>When true, <c>POST /api/v1/links</c> works without credentials (rate-limited per client IP).</summary>
    public bool AnonymousCreate { get; set; }

    /// <summary>Print a one-time admin setup link on start-up while no user exists. Defaults to on for the
    /// single-node default (SQLite) and off for PostgreSQL, where <c>hop users create --admin</c> is the way.</summary>
    public bool? FirstRunSetup { get; set; }

    public TimeSpan InviteLifetime { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan SetupTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(14);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Registration))
        {
            yield return new ValidationResult("Accounts:Registration must be open, invite or closed.", [nameof(Registration)]);
        }

        foreach (var (name, value) in new[]
                 {
                     (nameof(InviteLifetime), InviteLifetime), (nameof(SetupTokenLifetime), SetupTokenLifetime),
                     (nameof(AccessTokenLifetime), AccessTokenLifetime), (nameof(RefreshTokenLifetime), RefreshTokenLifetime),
                     (nameof(SessionLifetime), SessionLifetime),
                 })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"Accounts:{name} must be positive.", [name]);
            }
        }
    }
}
