using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Hop.Data;

/// <summary>Times are UTC everywhere; SQLite hands them back as Unspecified, so say what they are.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
