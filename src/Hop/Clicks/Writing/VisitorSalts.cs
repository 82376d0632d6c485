using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;

namespace Hop.Clicks.Writing;

/// <summary>
/// One random salt per UTC day, shared by every consumer through the clicks database (a
/// <c>click_counters</c> row named <c>salt:yyyy-MM-dd</c>) and deleted by the retention job after two
/// days, which makes old visitor hashes unlinkable to anyone.
/// </summary>
internal sealed class VisitorSalts
{
    public const string Prefix = "salt:";
    private readonly ConcurrentDictionary<DateOnly, byte[]> _cache = new();

    public static string NameOf(DateOnly day) => Prefix + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<byte[]> GetAsync(DateOnly day, DbConnection connection, CancellationToken ct)
    {
        if (_cache.TryGetValue(day, out var cached))
        {
            return cached;
        }

        var name = NameOf(day);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO click_counters (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING";
            insert.AddParameter("@name", name);
            insert.AddParameter("@value", BinaryPrimitives.ReadInt64LittleEndian(RandomNumberGenerator.GetBytes(sizeof(long))));
            await insert.ExecuteNonQueryAsync(ct);
        }

        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT value FROM click_counters WHERE name = @name";
        select.AddParameter("@name", name);
        var value = Convert.ToInt64(await select.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
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
