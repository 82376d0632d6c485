using Hop.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hop.Links;

/// <summary>
/// Hands out generated codes: ids are leased from the database in blocks, so instances never hand out
/// the same id, and each id is permuted and written in base62.
/// </summary>
internal sealed class CodeAllocator(IServiceScopeFactory scopes, IOptions<CodeOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _refill = new(1, 1);
    private readonly object _gate = new();
    private CodePermutation? _permutation;
    private long _next;
    private long _end;

    public async ValueTask<string> NextAsync(CancellationToken ct)
    {
        while (true)
        {
            lock (_gate)
            {
                if (_permutation is not null && _next < _end)
                {
                    return ShortCode.Encode(_permutation.Permute(_next++));
                }
            }

            await RefillAsync(ct);
        }
    }

    private async Task RefillAsync(CancellationToken ct)
    {
        await _refill.WaitAsync(ct);
        try
        {
            lock (_gate)
            {
                if (_permutation is not null && _next < _end)
                {
                    return;
                }
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HopDbContext>();
            var permutation = _permutation
                ?? new CodePermutation(await CodeKeys.LoadOrCreateAsync(db, options.Value.Key, ct));
            var size = options.Value.BlockSize;
            var end = await LeaseAsync(db, size, ct);
            if (end > ShortCode.Space)
            {
                throw new InvalidOperationException("The generated code space is exhausted.");
            }

            lock (_gate)
            {
                _permutation = permutation;
                _next = end - size;
                _end = end;
            }
        }
        finally
        {
            _refill.Release();
        }
    }

    /// <summary>Atomically advances the counter by one block and returns the block's exclusive end.</summary>
    private static async Task<long> LeaseAsync(HopDbContext db, int size, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText =
                "UPDATE code_sequences SET next_id = next_id + @size WHERE name = @name RETURNING next_id";
            var sizeParameter = command.CreateParameter();
            sizeParameter.ParameterName = "size";
            sizeParameter.Value = (long)size;
            command.Parameters.Add(sizeParameter);
            var nameParameter = command.CreateParameter();
            nameParameter.ParameterName = "name";
            nameParameter.Value = CodeSequence.Links;
            command.Parameters.Add(nameParameter);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public void Dispose() => _refill.Dispose();
}
