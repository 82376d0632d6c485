using System.Globalization;
using System.Text;
using Hop.Clicks.Writing;

namespace Hop.Tests.Clicks.Writing;

public class SqliteRowStatementTests
{
    /// <summary>The writer's own date formatting gives exactly the text Microsoft.Data.Sqlite writes, so EF
    /// Core reads the raw visits and counters back as the dates they were.</summary>
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(10L)]
    [InlineData(1_234_500L)]
    [InlineData(9_999_999L)]
    [InlineData(5_000_000L)]
    public void Dates_are_written_as_Microsoft_Data_Sqlite_writes_them(long fractionTicks)
    {
        Span<byte> text = stackalloc byte[32];
        foreach (var second in new[] { new DateTime(2026, 12, 1, 23, 59, 59), new DateTime(1, 1, 1), new DateTime(9999, 12, 31, 0, 0, 1), new DateTime(2024, 2, 29, 7, 5, 3) })
        {
            var value = second.AddTicks(fractionTicks);
            var written = SqliteRowStatement.FormatDateTime(value, text);
            Assert.Equal(value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture), Encoding.ASCII.GetString(text[..written]));
        }
    }
}
