namespace Hop.Pages.Keys;

/// <summary>The expiry choices of the keys page, turned into the moment the keys API takes.</summary>
internal static class KeyExpiry
{
    public const string Never = "never";
    public const string OnDate = "date";

    public static readonly (string Value, string Label)[] Choices =
    [
        (Never, "Never"), ("30", "In 30 days"), ("90", "In 90 days"), ("365", "In a year"), (OnDate, "On a date"),
    ];

    /// <summary>When a key made now with this choice expires (null: never; a date given with "never" counts), or why the choice is refused.</summary>
    public static (DateTimeOffset? ExpiresAt, string? Error) Resolve(string? choice, DateOnly? date, DateTimeOffset now) => choice switch
    {
        null or "" or Never when date is { } day => (Midnight(day), null),
        null or "" or Never => (null, null),
        "30" or "90" or "365" => (now.AddDays(int.Parse(choice, System.Globalization.CultureInfo.InvariantCulture)), null),
        OnDate when date is { } day => (Midnight(day), null),
        OnDate => (null, "expiresAt needs a date when the key expires on a date."),
        _ => (null, "expiresAt must be never, 30, 90 or 365 days, or a date."),
    };

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
