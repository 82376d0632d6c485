using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Hop.Links;

/// <summary>RFC 4180 CSV: quoting on the way out (with a guard against formula injection), parsing on the way in.</summary>
internal static class CsvText
{
    /// <summary>A spreadsheet runs a cell that starts with one of these as a formula.</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Row(IEnumerable<string> cells) =>
        string.Join(',', cells.Select(Cell)) + "\r\n";

    /// <summary>Quotes when needed and prefixes a would-be formula with <c>'</c> so it stays text.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && FormulaStarts.Contains(value[0]))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '))
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    /// <summary>Undoes <see cref="Cell"/>'s formula guard, so an exported file imports as it was.</summary>
    public static string Unguard(string value) =>
        value.Length > 1 && value[0] == '\'' && FormulaStarts.Contains(value[1]) ? value[1..] : value;

    /// <summary>Rows of cells; quoted cells may hold commas, doubled quotes and line breaks. Blank lines are skipped.</summary>
    public static IEnumerable<List<string>> Parse(string text)
    {
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                {
                    cell.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(cell.ToString());
                cell.Clear();
                if (row.Count > 1 || row[0].Length > 0)
                {
                    yield return row;
                }

                row = [];
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            yield return row;
        }
    }
}
