using BenchmarkDotNet.Attributes;
using Hop.Links;

namespace Hop.Benchmarks;

/// <summary>The code codec: base62 text and the keyed permutation behind generated codes.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly CodePermutation _permutation = new(new byte[32]);
    private readonly char[] _buffer = new char[ShortCode.Length];
    private long _next = 123_456_789;

    [Benchmark]
    public string Encode() => ShortCode.Encode(_next++ % ShortCode.Space);

    [Benchmark]
    public char WriteToSpan()
    {
        ShortCode.Write(_next++ % ShortCode.Space, _buffer);
        return _buffer[0];
    }

    [Benchmark]
    public long Decode() => ShortCode.TryDecode("aZ3kP9q", out var value) ? value : -1;

    [Benchmark]
    public bool IsWellFormed() => ShortCode.IsWellFormed("aZ3kP9q");

    [Benchmark]
    public long Permute() => _permutation.Permute(_next++ % ShortCode.Space);

    [Benchmark]
    public long Invert() => _permutation.Invert(_next++ % ShortCode.Space);

}
