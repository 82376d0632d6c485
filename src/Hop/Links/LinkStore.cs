using Hop.Accounts;
using Hop.Data;
using Hop.Domains;
using Hop.Safety.Targets;
using Microsoft.EntityFrameworkCore;

namespace Hop.Links;

/// <summary>
/// Reading and writing links, for every caller that does (the API's endpoints, batch, CSV import, the
/// pages): each write checks its fields through <see cref="LinkRules"/>, generated codes come from
/// <see cref="CodeAllocator"/>, edits are optimistic on <see cref="Link.Version"/>, and the link cache
/// hears of every commit from <see cref="Redirects.LinkCachePublisher"/>.
/// </summary>
internal sealed class LinkStore(
    HopDbContext db, CodeAllocator codes, PasswordHashing passwords, TargetPolicy targets, DomainTable domains, TimeProvider time)
{
    /// <summary>Each lost race means another writer won, so a few rounds are enough for any real contention.</summary>
    public const int MaxAttempts = 10;

    /// <summary>A generated code may meet this many aliases in a row before the insert gives up.</summary>
    private const int MaxSkips = 1000;

    /// <summary>The link with this code on the caller's domain (see <see cref="DomainOf"/>) if the caller may see it (their own; any for an admin).</summary>
    public Task<Link?> FindAsync(string code, Caller caller, CancellationToken ct) => FindAsync(code, domain: null, caller, ct);

    /// <summary>The same on the domain with host <paramref name="domain"/>.</summary>
    public async Task<Link?> FindAsync(string code, string? domain, Caller caller, CancellationToken ct) =>
        DomainOf(domain, caller) is { } domainId
            ? await db.Links.AsNoTracking().VisibleTo(caller).FirstOrDefaultAsync(l => l.DomainId == domainId && l.Code == code, ct)
            : null;

    /// <summary>The link with this id if the caller may see it (their own; any for an admin), deleted ones included: the link page's look-up.</summary>
    public Task<Link?> FindByIdAsync(long id, Caller caller, CancellationToken ct) =>
        db.Links.AsNoTracking().VisibleTo(caller).FirstOrDefaultAsync(l => l.Id == id, ct);

    /// <summary>The link with this code on the request's domain whoever owns it, for what a visitor of the short link may see.</summary>
    public async Task<Link?> FindPublicAsync(HttpRequest request, string code, CancellationToken ct) =>
        domains.TryFind(request, out var domain)
            ? await db.Links.AsNoTracking().FirstOrDefaultAsync(l => l.DomainId == domain.Id && l.Code == code, ct)
            : null;

    /// <summary>
    /// The domain an API path's code is on: the one named (by host), else the API key's own, else the
    /// default; null for a host that is not configured.
    /// </summary>
    public long? DomainOf(string? host, Caller caller) =>
        host is null ? caller.DomainId ?? domains.Default.Id : domains.ByHost(DomainRules.Canonical(host))?.Id;

    /// <summary>Creates a link for <paramref name="caller"/>, under its alias or the next generated code.</summary>
    public async Task<LinkWrite> CreateAsync(CreateLinkRequest request, Caller caller, CancellationToken ct)
    {
        var (link, errors) = await NewLinkAsync(new LinkDraft(request), caller, Timestamps.Now(time), ct);
        if (link is null)
        {
            return LinkWrite.Invalid(errors);
        }

        return await InsertAsync(link, ct)
            ? new LinkWrite(LinkWriteStatus.Created, link)
            : new LinkWrite(LinkWriteStatus.AliasTaken, link);
    }

    /// <summary>
    /// Creates each valid draft and reports each on its own, in order: all in one SaveChanges when
    /// nothing collides, and one by one (each alias conflict on its own item) when something does.
    /// </summary>
    public async Task<IReadOnlyList<LinkWrite>> CreateManyAsync(
        IReadOnlyList<LinkDraft> drafts, Caller caller, CancellationToken ct)
    {
        var now = Timestamps.Now(time);
        var results = new LinkWrite[drafts.Count];
        var valid = new List<(int Index, Link Link)>();
        for (var i = 0; i < drafts.Count; i++)
        {
            // A microsecond apart, so that listing and export keep the request's order.
            var (link, errors) = await NewLinkAsync(drafts[i], caller, now.AddTicks(i * 10), ct);
            if (link is not null)
            {
                valid.Add((i, link));
            }
            else
            {
                results[i] = LinkWrite.Invalid(errors);
            }
        }

        // Aliases taken already on their domain, or asked for twice there in this batch, fail on their own item before the insert.
        var aliases = valid.Where(v => v.Link.IsCustomAlias).Select(v => v.Link.Code).Distinct().ToList();
        var taken = aliases.Count == 0 ? []
            : (await db.Links.Where(l => aliases.Contains(l.Code)).Select(l => new { l.DomainId, l.Code }).ToListAsync(ct))
                .Select(l => (l.DomainId, l.Code)).ToHashSet();
        var toInsert = new List<(int Index, Link Link)>(valid.Count);
        foreach (var (index, link) in valid)
        {
            if (link.IsCustomAlias && !taken.Add((link.DomainId, link.Code)))
            {
                results[index] = new LinkWrite(LinkWriteStatus.AliasTaken, link);
                continue;
            }

            if (!link.IsCustomAlias)
            {
                link.Code = await codes.NextAsync(ct);
            }

            toInsert.Add((index, link));
        }

        if (toInsert.Count > 0 && !await TryInsertAllAsync([.. toInsert.Select(v => v.Link)], ct))
        {
            // Someone took an alias (or a generated code met one) since the check: one by one.
            foreach (var (index, link) in toInsert)
            {
                if (!await InsertAsync(link, ct))
                {
                    results[index] = new LinkWrite(LinkWriteStatus.AliasTaken, link);
                }
            }
        }

        foreach (var (index, link) in toInsert)
        {
            results[index] ??= new LinkWrite(LinkWriteStatus.Created, link);
        }

        return results;
    }

    /// <summary>
    /// Changes the caller's link: <paramref name="change"/> edits it (false: refused, with the reasons on
    /// the edit), then the version is bumped and saved. When another writer won the race, an If-Match
    /// (<paramref name="ifMatchFails"/> true for a version it does not name) answers
    /// <see cref="LinkWriteStatus.PreconditionFailed"/>; without one the change is applied again to the
    /// new version.
    /// </summary>
    public Task<LinkWrite> EditAsync(
        string code, Caller caller, Func<Link, bool>? ifMatchFails, Func<LinkEdit, bool> change, CancellationToken ct) =>
        EditAsync(code, domain: null, caller, ifMatchFails, (edit, _) => Task.FromResult(change(edit)), ct);

    /// <summary>The same on the domain with host <paramref name="domain"/> (see <see cref="DomainOf"/>), for a change
    /// that may await its checks (<see cref="LinkRules.PatchAsync"/>).</summary>
    public async Task<LinkWrite> EditAsync(
        string code, string? domain, Caller caller, Func<Link, bool>? ifMatchFails,
        Func<LinkEdit, CancellationToken, Task<bool>> change, CancellationToken ct)
    {
        if (DomainOf(domain, caller) is not { } domainId)
        {
            return new LinkWrite(LinkWriteStatus.NotFound);
        }

        for (var attempt = 0; ; attempt++)
        {
            var link = await db.Links.VisibleTo(caller).FirstOrDefaultAsync(l => l.DomainId == domainId && l.Code == code, ct);
            if (link is null)
            {
                return new LinkWrite(LinkWriteStatus.NotFound);
            }

            if (link.DeletedAt is not null)
            {
                return new LinkWrite(LinkWriteStatus.Gone, link);
            }

            if (ifMatchFails?.Invoke(link) == true)
            {
                return new LinkWrite(LinkWriteStatus.PreconditionFailed, link);
            }

            var edit = new LinkEdit(link, caller, Timestamps.Now(time), passwords, targets) { Domains = domains };
            if (!await change(edit, ct))
            {
                db.ChangeTracker.Clear();
                return LinkWrite.Invalid(edit.Errors);
            }

            link.Version++;
            link.UpdatedAt = edit.Now;
            try
            {
                await db.SaveChangesAsync(ct);
                return new LinkWrite(LinkWriteStatus.Changed, link);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The next round reads the winner's version: an If-Match that named the old one fails
                // there, and without one the change applies again on top of the winner's.
                db.ChangeTracker.Clear();
                if (attempt >= MaxAttempts)
                {
                    return new LinkWrite(LinkWriteStatus.ConcurrentChange);
                }
            }
        }
    }

    private async Task<(Link? Link, IReadOnlyDictionary<string, string[]> Errors)> NewLinkAsync(
        LinkDraft draft, Caller caller, DateTime now, CancellationToken ct)
    {
        var link = new Link
        {
            Code = "", TargetUrl = "", OwnerId = caller.UserId, CreatedAt = now, UpdatedAt = now,
            DomainId = caller.DomainId ?? domains.Default.Id,
        };
        var edit = new LinkEdit(link, caller, now, passwords, targets) { Domains = domains };
        if (draft.Request.Domain is null && edit.DomainAllowed(domains.ById(link.DomainId) ?? domains.Default) is { } refused)
        {
            // Without a domain named, the link goes on the caller's one, which must be open to them too.
            edit.Field = "domain";
            edit.Refuse(refused);
        }

        foreach (var (field, reasons) in draft.ReadErrors ?? new Dictionary<string, string[]>())
        {
            edit.Field = field;
            edit.Refuse(reasons[0]);
        }

        return (await LinkRules.CreateAsync(draft.Request, edit, ct) ? link : null, edit.Errors);
    }

    /// <summary>
    /// Inserts the link under its alias, or under the next generated code. A generated code that meets
    /// an existing alias is skipped; false only when a chosen alias is taken.
    /// </summary>
    private async Task<bool> InsertAsync(Link link, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            if (!link.IsCustomAlias)
            {
                link.Code = await codes.NextAsync(ct);
            }

            db.Links.Add(link);
            try
            {
                await db.SaveChangesAsync(ct);
                return true;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < MaxSkips)
            {
                db.Entry(link).State = EntityState.Detached;
                link.Id = 0;
                if (link.IsCustomAlias)
                {
                    return false;
                }
            }
        }
    }

    private async Task<bool> TryInsertAllAsync(List<Link> links, CancellationToken ct)
    {
        db.Links.AddRange(links);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            foreach (var link in links)
            {
                link.Id = 0;
            }

            return false;
        }
    }
}
