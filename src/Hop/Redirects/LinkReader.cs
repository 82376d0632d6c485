using System.Data.Common;
using Hop.Data;
using Hop.Links;
using Hop.Links.Routing;
using Microsoft.Extensions.Options;

namespace Hop.Redirects;

/// <summary>
/// Reads one link by domain and code with plain ADO.NET: the cache-miss path, kept free of EF's per-query cost.
/// One implementation per database provider.
/// </summary>
internal abstract class LinkReader
{
    /// <summary>Everything <see cref="CachedLink"/> needs, with the nullable text columns reduced to flags.</summary>
    protected const string Columns =
        "SELECT id, target_url, redirect_status, forward_query, password_hash IS NOT NULL, max_visits, visit_count, "
        + "expires_at, disabled_reason IS NOT NULL, deleted_at IS NOT NULL, code, warning, domain_id, "
        + "rules, variants, preview_title, preview_description, preview_image FROM links ";

    /// <summary>The columns of <see cref="Columns"/> that hold the code and the domain, for readers that look up several.</summary>
    protected const int CodeColumn = 10;
    protected const int DomainColumn = 12;

    public abstract ValueTask<CachedLink?> ReadAsync(LinkKey key, CancellationToken ct);

    /// <summary>Throws when the database cannot be reached; for the readiness check.</summary>
    public abstract Task PingAsync(CancellationToken ct);

    public static LinkReader Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        return options.Provider == DatabaseProvider.Postgres
            ? new PostgresLinkReader(options.EffectiveConnectionString)
            : new SqliteLinkReader(options.EffectiveConnectionString);
    }

    protected static CachedLink? ToCachedLink(DbDataReader row)
    {
        var flags = CachedLinkFlags.None;
        if (row.GetBoolean(3))
        {
            flags |= CachedLinkFlags.ForwardQuery;
        }

        if (row.GetBoolean(4))
        {
            flags |= CachedLinkFlags.HasPassword;
        }

        string? warning = null;
        if (!row.IsDBNull(11))
        {
            flags |= CachedLinkFlags.HasWarning;
            warning = row.GetString(11);
        }

        var rules = RoutingColumns.ReadRules(TextOrNull(row, 13));
        var variants = RoutingColumns.ReadVariants(TextOrNull(row, 14));
        var (title, description, image) = (TextOrNull(row, 15), TextOrNull(row, 16), TextOrNull(row, 17));
        var preview = title is null && description is null && image is null
            ? null
            : new LinkPreview { Title = title, Description = description, Image = image };
        flags |= CachedLink.RoutedFlag(rules, variants, preview);

        long? maxVisits = row.IsDBNull(5) ? null : row.GetInt64(5);
        var state = row.GetBoolean(9) ? LinkState.Deleted
            : row.GetBoolean(8) ? LinkState.Disabled
            : maxVisits is { } max && row.GetInt64(6) >= max ? LinkState.Expired
            : LinkState.Active;
        return new CachedLink
        {
            Id = row.GetInt64(0),
            Target = row.GetString(1),
            Status = row.GetInt32(2),
            Flags = flags,
            MaxVisits = maxVisits,
            ExpiresAt = row.IsDBNull(7) ? null : DateTime.SpecifyKind(row.GetDateTime(7), DateTimeKind.Utc),
            Warning = warning,
            State = state,
            Rules = rules,
            Variants = variants,
            Preview = preview,
        };
    }

    private static string? TextOrNull(DbDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);
}
