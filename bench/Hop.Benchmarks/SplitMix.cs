namespace Hop.Benchmarks;

/// <summary>A small, fast, seeded generator (SplitMix64): the seeded data set is the same on every run and
/// on both databases, and drawing tens of millions of visits costs a few seconds.</summary>
internal struct SplitMix(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>In [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>In [0, max).</summary>
    public int NextInt(int max) => (int)((Next() >> 33) * (ulong)max >> 31);
}
