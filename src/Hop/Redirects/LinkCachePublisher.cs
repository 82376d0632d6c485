using System.Runtime.CompilerServices;
using Hop.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Hop.Redirects;

/// <summary>
/// Tells the cache of every link a save adds, changes or deletes, once the commit succeeded: a new
/// link is written through (<see cref="LinkCache.Set"/>), a changed or deleted one invalidated, each
/// published to the other instances once. One place for it means no write path (create, patch,
/// delete, batch, import, admin actions) can forget to, or tell it twice.
/// </summary>
internal sealed class LinkCachePublisher(LinkCache cache) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<(Link Link, bool Added)>> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Capture(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        List<(Link, bool)>? changed = null;
        foreach (var entry in context.ChangeTracker.Entries<Link>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                (changed ??= []).Add((entry.Entity, entry.State == EntityState.Added));
            }
        }

        if (changed is not null)
        {
            _pending.AddOrUpdate(context, changed);
        }
    }

    private void Flush(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var changed))
        {
            _pending.Remove(context);
            foreach (var (link, added) in changed)
            {
                // The saved entity now carries its database id, which the cached copy needs.
                if (added)
                {
                    cache.Set(link);
                }
                else
                {
                    cache.Invalidate(link);
                }
            }
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
