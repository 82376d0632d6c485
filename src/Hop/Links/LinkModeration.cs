using System.Text.Json;
using Hop.Accounts;
using Hop.Data;
using Hop.Domains;
using Microsoft.EntityFrameworkCore;

namespace Hop.Links;

/// <summary>
/// An administrator's view of every user's links and the switch that disables one: a disable carries the
/// administrator's reason, so the owner cannot undo it (<see cref="LinkRules"/>'s disabled rule), and an
/// enable goes through that same rule. Both are edits of <see cref="LinkStore"/>, so caches hear of them.
/// </summary>
internal sealed class LinkModeration(HopDbContext db, LinkStore store, DomainTable domains, TimeProvider time)
{
    public const int MaxReasonLength = 200;

    /// <summary>What a disable without a reason of its own says.</summary>
    public const string DisabledByAdmin = "disabled by an administrator";

    /// <summary>
    /// One page of every user's links, newest first, in the order and with the cursor of the links API:
    /// <paramref name="search"/> matches the code, target or title, and <paramref name="state"/> (null: every
    /// link but deleted ones) filters by state.
    /// </summary>
    public async Task<ModeratedLinkPage> ListAsync(string? search, LinkState? state, string? cursor, int take, CancellationToken ct)
    {
        var now = Timestamps.Now(time);
        var links = LinkListing.Filter(db.Links.AsNoTracking(), new LinkFilter { Q = search?.Trim() is { Length: > 0 } q ? q : null, State = state }, now);
        if (cursor is not null && LinkListing.Cursor.TryParse(cursor, out var parsed) && parsed is { } c)
        {
            links = links.Where(l => l.CreatedAt < c.CreatedAt || (l.CreatedAt == c.CreatedAt && l.Id < c.Id));
        }

        var rows = await links.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Take(take + 1).ToListAsync(ct);
        string? next = null;
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
            next = new LinkListing.Cursor(rows[^1].CreatedAt, rows[^1].Id).ToString();
        }

        var ownerIds = rows.Where(l => l.OwnerId is not null).Select(l => l.OwnerId!.Value).Distinct().ToList();
        var owners = ownerIds.Count == 0 ? []
            : await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Username, ct);
        return new ModeratedLinkPage
        {
            Items = rows.ConvertAll(l => new ModeratedLink(l, l.OwnerId is { } owner ? owners.GetValueOrDefault(owner) : null, l.StateAt(now))),
            NextCursor = next,
        };
    }

    /// <summary>Link <paramref name="id"/> with its owner and state, or null.</summary>
    public async Task<ModeratedLink?> GetAsync(long id, CancellationToken ct)
    {
        var link = await db.Links.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct);
        if (link is null)
        {
            return null;
        }

        var owner = link.OwnerId is { } ownerId ? await db.Users.AsNoTracking().Where(u => u.Id == ownerId).Select(u => u.Username).FirstOrDefaultAsync(ct) : null;
        return new ModeratedLink(link, owner, link.StateAt(Timestamps.Now(time)));
    }

    /// <summary>The domain host and code of link <paramref name="id"/>, which the edits address it by; null when there is none.</summary>
    public async Task<(string Domain, string Code)?> FindAsync(long id, CancellationToken ct)
    {
        var link = await db.Links.AsNoTracking().Where(l => l.Id == id).Select(l => new { l.DomainId, l.Code }).FirstOrDefaultAsync(ct);
        return link is null ? null : ((domains.ById(link.DomainId) ?? domains.Default).Host, link.Code);
    }

    /// <summary>Disables link <paramref name="id"/> with <paramref name="reason"/> (or <see cref="DisabledByAdmin"/>), on behalf of admin <paramref name="caller"/>.</summary>
    public async Task<LinkWrite> DisableAsync(long id, string? reason, Caller caller, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } found)
        {
            return new LinkWrite(LinkWriteStatus.NotFound);
        }

        var text = reason?.Trim() is { Length: > 0 } given ? $"{DisabledByAdmin}: {given}" : DisabledByAdmin;
        return await store.EditAsync(found.Code, found.Domain, caller, ifMatchFails: null, (edit, ct2) =>
        {
            edit.Field = "reason";
            if (reason is { Length: > MaxReasonLength } || text.Any(char.IsControl))
            {
                edit.Refuse($"reason must be at most {MaxReasonLength} characters without control characters.");
            }

            edit.Write(l => l.DisabledReason = text);
            return edit.ApplyAsync(ct2);
        }, ct);
    }

    /// <summary>Enables link <paramref name="id"/> again, by the links API's own rule for <c>"disabled": false</c>.</summary>
    public async Task<LinkWrite> EnableAsync(long id, Caller caller, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } found)
        {
            return new LinkWrite(LinkWriteStatus.NotFound);
        }

        using var patch = JsonDocument.Parse("""{"disabled":false}""");
        var element = patch.RootElement.Clone();
        return await store.EditAsync(found.Code, found.Domain, caller, ifMatchFails: null, (edit, ct2) => LinkRules.PatchAsync(element, edit, ct2), ct);
    }
}
