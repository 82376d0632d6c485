using Hop.Links;

namespace Hop.Tests.Links;

public sealed class CsvTextTests
{
    [Fact]
    public void Csv_cells_are_quoted_and_parsed_back_exactly()
    {
        string[] cells = ["plain", "with,comma", "with \"quote\"", "multi\r\nline", " padded ", "", "=1+1", "+1", "-1", "@x", "'kept"];
        var text = CsvText.Row(cells) + CsvText.Row(["second"]);
        var rows = CsvText.Parse(text).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(cells.Select(c => c is ['=' or '+' or '-' or '@', ..] ? "'" + c : c), rows[0]);
        Assert.Equal(cells, rows[0].Select(CsvText.Unguard));
        Assert.Equal(["second"], rows[1]);
    }
}
