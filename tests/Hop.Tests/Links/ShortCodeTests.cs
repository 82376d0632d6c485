using Hop.Links;

namespace Hop.Tests.Links;

public sealed class ShortCodeTests
{
    [Theory]
    [InlineData(0L, "0000000")]
    [InlineData(61L, "000000z")]
    [InlineData(62L, "0000010")]
    [InlineData(ShortCode.Space - 1, "zzzzzzz")]
    public void Encodes_fixed_length_base62(long value, string expected)
    {
        Assert.Equal(expected, ShortCode.Encode(value));
        Assert.True(ShortCode.TryDecode(expected, out var decoded));
        Assert.Equal(value, decoded);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(ShortCode.Space)]
    public void Refuses_numbers_outside_the_code_space(long value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ShortCode.Encode(value));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("abcdefgh")]
    [InlineData("abc-efg")]
    [InlineData("abc+efg")]
    public void TryDecode_refuses_what_is_not_a_generated_code(string text) =>
        Assert.False(ShortCode.TryDecode(text, out _));

    [Fact]
    public void Round_trips_a_large_sample()
    {
        var random = new Random(42);
        for (var i = 0; i < 100_000; i++)
        {
            var value = random.NextInt64(ShortCode.Space);
            var code = ShortCode.Encode(value);
            Assert.Equal(ShortCode.Length, code.Length);
            Assert.True(ShortCode.TryDecode(code, out var back));
            Assert.Equal(value, back);
        }
    }
}
