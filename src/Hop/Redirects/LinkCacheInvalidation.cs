using System.Runtime.CompilerServices;
using Hop.Links;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Hop.Redirects;

/// <summary>
/// Drops every link that a save adds, changes or deletes from the caches, once the commit succeeded.
/// One place for it means no write path (patch, delete, batch, import, admin actions) can forget to.
/// </summary>
internal sealed class LinkCacheInvalidation(LinkCache cache) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<string>> _pending = [];

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

        List<string>? codes = null;
        foreach (var entry in context.ChangeTracker.Entries<Link>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                (codes ??= []).Add(entry.Entity.Code);
            }
        }

        if (codes is not null)
        {
            _pending.AddOrUpdate(context, codes);
        }
    }

    private void Flush(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var codes))
        {
            _pending.Remove(context);
            foreach (var code in codes)
            {
                cache.Invalidate(code);
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
