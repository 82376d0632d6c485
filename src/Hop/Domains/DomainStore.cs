using System.Text.Json;
using Hop.Data;
using Hop.Safety.Targets;
using Microsoft.EntityFrameworkCore;

namespace Hop.Domains;

/// <summary>
/// Adding, changing and removing domains, for the admin API and <c>hop domains</c>: each change bumps the
/// change counter in the same save, so every instance's <see cref="DomainTable"/> follows within
/// <see cref="DomainOptions.PollInterval"/>, or at once over Redis.
/// </summary>
internal sealed class DomainStore(HopDbContext db, TargetPolicy targets, TimeProvider time, ILogger<DomainStore> logger)
{
    public Task<List<Domain>> ListAsync(CancellationToken ct) => db.Domains.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct);

    public async Task<DomainWrite> AddAsync(DomainRequest request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var domain = new Domain { Host = "", CreatedAt = now, UpdatedAt = now };
        var errors = DomainRules.Apply(request, domain, hostFixed: false, targets);
        if (errors.Count > 0)
        {
            return new DomainWrite(DomainWriteStatus.Invalid, Errors: errors);
        }

        if (await db.Domains.AnyAsync(d => d.Host == domain.Host, ct))
        {
            return new DomainWrite(DomainWriteStatus.HostTaken, domain);
        }

        db.Domains.Add(domain);
        await DomainSync.BumpVersionAsync(db, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return new DomainWrite(DomainWriteStatus.HostTaken, domain);
        }

        DomainsLog.Changed(logger, domain.Host, domain.Id, "added");
        return new DomainWrite(DomainWriteStatus.Done, domain);
    }

    /// <summary>A merge patch of everything but the host, which is the domain's identity (the default one's comes from configuration).</summary>
    public async Task<DomainWrite> PatchAsync(long id, JsonElement patch, CancellationToken ct)
    {
        var domain = await db.Domains.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (domain is null)
        {
            return new DomainWrite(DomainWriteStatus.NotFound);
        }

        var errors = new Dictionary<string, string[]>();
        var request = new DomainRequest
        {
            Https = domain.Https,
            RootRedirect = domain.RootRedirect,
            NotFoundRedirect = domain.NotFoundRedirect,
            Access = domain.Access.ToString(),
            Users = domain.Users,
        };
        foreach (var member in patch.EnumerateObject())
        {
            var value = member.Value;
            var isNull = value.ValueKind == JsonValueKind.Null;
            switch (member.Name)
            {
                case "https" when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    request = request with { Https = value.GetBoolean() };
                    break;
                case "rootRedirect" or "notFoundRedirect" when isNull || value.ValueKind == JsonValueKind.String:
                    var url = isNull ? null : value.GetString();
                    request = member.Name == "rootRedirect" ? request with { RootRedirect = url } : request with { NotFoundRedirect = url };
                    break;
                case "access" when value.ValueKind == JsonValueKind.String:
                    request = request with { Access = value.GetString() };
                    break;
                case "users" when isNull:
                    request = request with { Users = [] };
                    break;
                case "users" when value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(u => u.TryGetInt64(out _)):
                    request = request with { Users = [.. value.EnumerateArray().Select(u => u.GetInt64())] };
                    break;
                case "host" or "id" or "isDefault" or "createdAt" or "updatedAt":
                    errors[member.Name] = [$"{member.Name} is read-only."];
                    break;
                case "https" or "rootRedirect" or "notFoundRedirect" or "access" or "users":
                    errors[member.Name] = [$"{member.Name} has the wrong type."];
                    break;
                default:
                    errors[member.Name] = [$"{member.Name} is not a field of a domain."];
                    break;
            }
        }

        return await ReplaceAsync(domain, request, errors, ct);
    }

    /// <summary>Replaces everything but the host with <paramref name="request"/>'s values (its host is ignored), as the admin pages' edit form does.</summary>
    public async Task<DomainWrite> UpdateAsync(long id, DomainRequest request, CancellationToken ct)
    {
        var domain = await db.Domains.FirstOrDefaultAsync(d => d.Id == id, ct);
        return domain is null
            ? new DomainWrite(DomainWriteStatus.NotFound)
            : await ReplaceAsync(domain, request, [], ct);
    }

    private async Task<DomainWrite> ReplaceAsync(Domain domain, DomainRequest request, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        foreach (var (field, reasons) in DomainRules.Apply(request, new Domain { Host = domain.Host }, hostFixed: true, targets))
        {
            errors.TryAdd(field, reasons);
        }

        if (errors.Count > 0)
        {
            return new DomainWrite(DomainWriteStatus.Invalid, Errors: errors);
        }

        DomainRules.Apply(request, domain, hostFixed: true, targets);
        domain.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await DomainSync.BumpVersionAsync(db, ct);
        await db.SaveChangesAsync(ct);
        DomainsLog.Changed(logger, domain.Host, domain.Id, "changed");
        return new DomainWrite(DomainWriteStatus.Done, domain);
    }

    /// <summary>Removes a domain no link was ever made on and no API key is limited to; the default domain stays (its host comes from configuration).</summary>
    public async Task<DomainWrite> RemoveAsync(long id, CancellationToken ct)
    {
        var domain = await db.Domains.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (domain is null)
        {
            return new DomainWrite(DomainWriteStatus.NotFound);
        }

        if (domain.IsDefault)
        {
            return new DomainWrite(DomainWriteStatus.IsDefault, domain);
        }

        // Deleted links count too: their codes stay taken, and their rows point at the domain.
        if (await db.Links.AnyAsync(l => l.DomainId == id, ct) || await db.ApiKeys.AnyAsync(k => k.DomainId == id, ct))
        {
            return new DomainWrite(DomainWriteStatus.HasLinks, domain);
        }

        db.Domains.Remove(domain);
        await DomainSync.BumpVersionAsync(db, ct);
        await db.SaveChangesAsync(ct);
        DomainsLog.Changed(logger, domain.Host, domain.Id, "removed");
        return new DomainWrite(DomainWriteStatus.Done, domain);
    }

    /// <summary>The id of the domain with this host (any spelling), or null.</summary>
    public Task<long?> FindIdAsync(string host, CancellationToken ct)
    {
        var canonical = DomainRules.Canonical(host);
        return db.Domains.Where(d => d.Host == canonical).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
    }
}
