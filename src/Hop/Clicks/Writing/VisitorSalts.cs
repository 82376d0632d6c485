using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Hop.Data;
using Microsoft.EntityFrameworkCore;

namespace Hop.Clicks.Writing;

/// <summary>
/// One random salt per UTC day, shared by every consumer through the clicks database (a
/// <c>click_counters</c> row named <c>salt:yyyy-MM-dd</c>) and deleted by the retention job after two
/// days, which makes old visitor hashes unlinkable to anyone. Held in memory, so the database is asked
/// about once a day.
/// </summary>
internal sealed class VisitorSalts(IServiceScopeFactory scopes)
{
    public const string Prefix = "salt:";
    private readonly ConcurrentDictionary<DateOnly, byte[]> _cache = new();

    public static string NameOf(DateOnly day) => Prefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The day's salt; completes at once once the process has it.</summary>
    public ValueTask<byte[]> GetAsync(DateOnly day, CancellationToken ct) =>
        _cache.TryGetValue(day, out var cached) ? new(cached) : new(LoadAsync(day, ct));

    private async Task<byte[]> LoadAsync(DateOnly day, CancellationToken ct)
    {
        // The first consumer to need a day's salt stores it; the others read that one.
        var name = NameOf(day);
        var candidate = BinaryPrimitives.ReadInt64LittleEndian(RandomNumberGenerator.GetBytes(sizeof(long)));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClicksDbContext>();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO click_counters (name, value) VALUES ({name}, {candidate}) ON CONFLICT (name) DO NOTHING", ct);
        var value = await db.ClickCounters.Where(c => c.Name == name).Select(c => c.Value).SingleAsync(ct);
        var salt = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(salt, value);
        if (_cache.Count > 4)
        {
            foreach (var old in _cache.Keys.Where(d => d < day.AddDays(-2)))
            {
                _cache.TryRemove(old, out _);
            }
        }

        return _cache.GetOrAdd(day, salt);
    }
}
