using Hop.Links;

namespace Hop.Tests.Links;

public sealed class CodePermutationTests
{
    private static readonly CodePermutation Permutation = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void Is_injective_over_a_million_sequential_ids()
    {
        var seen = new HashSet<long>();
        for (long id = 0; id < 1_000_000; id++)
        {
            var permuted = Permutation.Permute(id);
            Assert.InRange(permuted, 0, ShortCode.Space - 1);
            Assert.True(seen.Add(permuted), $"id {id} collided");
        }
    }

    [Fact]
    public void Inverts_exactly_across_the_code_space()
    {
        var random = new Random(7);
        var samples = Enumerable.Range(0, 100_000).Select(_ => random.NextInt64(ShortCode.Space))
            .Concat([0L, 1L, ShortCode.Space - 1, ShortCode.Space - 2]);
        foreach (var value in samples)
        {
            Assert.Equal(value, Permutation.Invert(Permutation.Permute(value)));
            Assert.Equal(value, Permutation.Permute(Permutation.Invert(value)));
        }
    }

    [Fact]
    public void Sequential_ids_do_not_give_ordered_or_nearby_codes()
    {
        var codes = Enumerable.Range(0, 1_000).Select(i => ShortCode.Encode(Permutation.Permute(i))).ToList();
        var sorted = codes.Order(StringComparer.Ordinal).ToList();
        Assert.NotEqual(sorted, codes);

        // Neighbouring ids land far apart: on average at least a tenth of the space between them.
        var gaps = Enumerable.Range(0, 999).Select(i => Math.Abs(Permutation.Permute(i + 1) - Permutation.Permute(i)));
        Assert.True(gaps.Average() > ShortCode.Space / 10.0);
    }

    [Fact]
    public void Distinct_keys_give_distinct_sequences()
    {
        var other = new CodePermutation(Enumerable.Range(2, 32).Select(i => (byte)i).ToArray());
        var first = Enumerable.Range(0, 100).Select(i => Permutation.Permute(i)).ToList();
        var second = Enumerable.Range(0, 100).Select(i => other.Permute(i)).ToList();
        Assert.Empty(first.Intersect(second));
    }

    [Fact]
    public void Refuses_short_keys() => Assert.Throws<ArgumentException>(() => new CodePermutation(new byte[8]));
}
