using Hop.Accounts;
using Hop.Data;
using Hop.Safety.Targets;
using Microsoft.EntityFrameworkCore;

namespace Hop.Links;

/// <summary>
/// Reading and writing links, for every caller that does (the API's endpoints, batch, CSV import, the
/// pages): each write checks its fields through <see cref="LinkRules"/>, generated codes come from
/// <see cref="CodeAllocator"/>, edits are optimistic on <see cref="Link.Version"/>, and the link cache
/// hears of every commit from <see cref="Redirects.LinkCachePublisher"/>.
/// </summary>
internal sealed class LinkStore(HopDbContext db, CodeAllocator codes, PasswordHashing passwords, TargetPolicy targets, TimeProvider time)
{
    /// <summary>Each lost race means another writer won, so a few rounds are enough for any real contention.</summary>
    public const int MaxAttempts = 10;

    /// <summary>A generated code may meet this many aliases in a row before the insert gives up.</summary>
    private const int MaxSkips = 1000;

    /// <summary>The link with this code if the caller may see it (their own; any for an admin).</summary>
    public Task<Link?> FindAsync(string code, Caller caller, CancellationToken ct) =>
        db.Links.AsNoTracking().VisibleTo(caller).FirstOrDefaultAsync(l => l.Code == code, ct);

    /// <summary>The link with this code whoever owns it, for what a visitor of the short link may see.</summary>
    public Task<Link?> FindPublicAsync(string code, CancellationToken ct) =>
        db.Links.AsNoTracking().FirstOrDefaultAsync(l => l.Code == code, ct);

    /// <summary>
    /// Creates a link for <paramref name="caller"/>, under its alias or the next generated code.
    /// <paramref name="requestHost"/> is the host the request came in on: a target there would loop.
    /// </summary>
    public async Task<LinkWrite> CreateAsync(CreateLinkRequest request, Caller caller, string? requestHost, CancellationToken ct)
    {
        var (link, errors) = await NewLinkAsync(new LinkDraft(request), caller, requestHost, Timestamps.Now(time), ct);
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
        IReadOnlyList<LinkDraft> drafts, Caller caller, string? requestHost, CancellationToken ct)
    {
        var now = Timestamps.Now(time);
        var results = new LinkWrite[drafts.Count];
        var valid = new List<(int Index, Link Link)>();
        for (var i = 0; i < drafts.Count; i++)
        {
            // A microsecond apart, so that listing and export keep the request's order.
            var (link, errors) = await NewLinkAsync(drafts[i], caller, requestHost, now.AddTicks(i * 10), ct);
            if (link is not null)
            {
                valid.Add((i, link));
            }
            else
            {
                results[i] = LinkWrite.Invalid(errors);
            }
        }

        // Aliases taken already, or asked for twice in this batch, fail on their own item before the insert.
        var aliases = valid.Where(v => v.Link.IsCustomAlias).Select(v => v.Link.Code).Distinct().ToList();
        var taken = aliases.Count == 0 ? []
            : (await db.Links.Where(l => aliases.Contains(l.Code)).Select(l => l.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var toInsert = new List<(int Index, Link Link)>(valid.Count);
        foreach (var (index, link) in valid)
        {
            if (link.IsCustomAlias && !taken.Add(link.Code))
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
        EditAsync(code, caller, requestHost: null, ifMatchFails, (edit, _) => Task.FromResult(change(edit)), ct);

    /// <summary>The same, for a change that awaits its checks (<see cref="LinkRules.PatchAsync"/>).</summary>
    public async Task<LinkWrite> EditAsync(
        string code, Caller caller, string? requestHost, Func<Link, bool>? ifMatchFails,
        Func<LinkEdit, CancellationToken, Task<bool>> change, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var link = await db.Links.VisibleTo(caller).FirstOrDefaultAsync(l => l.Code == code, ct);
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

            var edit = new LinkEdit(link, caller, Timestamps.Now(time), passwords, targets) { RequestHost = requestHost };
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
        LinkDraft draft, Caller caller, string? requestHost, DateTime now, CancellationToken ct)
    {
        var link = new Link { Code = "", TargetUrl = "", OwnerId = caller.UserId, CreatedAt = now, UpdatedAt = now };
        var edit = new LinkEdit(link, caller, now, passwords, targets) { RequestHost = requestHost };
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
