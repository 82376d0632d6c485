using Hop.Safety.Blocklist;

namespace Hop.Tests.Safety.Blocklist;

public sealed class BlocklistParserTests
{
    private static (BlocklistLineKind Kind, List<string> Values) Parse(string line, BlocklistFormat format = BlocklistFormat.Auto)
    {
        var values = new List<string>();
        return (BlocklistParser.ParseLine(line, format, values), values);
    }

    private static void AssertEntries(string[] expected, (BlocklistLineKind Kind, List<string> Values) parsed)
    {
        Assert.Equal(BlocklistLineKind.Entries, parsed.Kind);
        Assert.Equal(expected, parsed.Values);
    }

    [Theory]
    [InlineData("evil.com", "Domains")]
    [InlineData("  evil.com  ", "Domains")]
    [InlineData("evil.com # why", "Domains")]
    [InlineData("0.0.0.0 evil.com", "Hosts")]
    [InlineData("127.0.0.1\tevil.com", "Hosts")]
    [InlineData("::1 evil.com # trailing comment", "Hosts")]
    [InlineData("||evil.com^", "Adblock")]
    [InlineData("||evil.com^$third-party,script", "Adblock")]
    [InlineData("||evil.com^|", "Adblock")]
    public void Reads_one_domain_in_each_format_and_auto_tells_them_apart(string line, string format)
    {
        AssertEntries(["evil.com"], Parse(line, Enum.Parse<BlocklistFormat>(format)));
        var auto = Parse(line);
        Assert.Equal(BlocklistLineKind.Entries, auto.Kind);
        Assert.Equal(["evil.com"], auto.Values);
    }

    [Fact]
    public void A_hosts_line_may_name_several_hosts_and_the_machine_s_own_names_are_skipped()
    {
        var (kind, values) = Parse("0.0.0.0 a.evil.com localhost b.evil.com\tc.evil.com", BlocklistFormat.Hosts);
        Assert.Equal(BlocklistLineKind.Entries, kind);
        Assert.Equal(["a.evil.com", "b.evil.com", "c.evil.com"], values);

        Assert.Equal(BlocklistLineKind.Comment, Parse("127.0.0.1 localhost localhost.localdomain").Kind);
        Assert.Equal(BlocklistLineKind.Comment, Parse("::1 ip6-localhost ip6-loopback").Kind);
        Assert.Empty(Parse("255.255.255.255 broadcasthost").Values);
    }

    [Theory]
    [InlineData("""
        "3141","2024-05-01 10:00:00","http://bad.example.net/x.exe","online","2024-05-01","malware_download","exe","https://urlhaus.abuse.ch/url/3141/","someone"
        """)]
    [InlineData("""
        "3141","2024-05-01","http://bad.example.net/x.exe","offline","","malware","","",""
        """)]
    [InlineData("3141,2024-05-01,http://bad.example.net/x.exe,online")]
    public void Reads_the_url_of_a_urlhaus_row_whatever_its_status(string line)
    {
        AssertEntries(["http://bad.example.net/x.exe"], Parse(line, BlocklistFormat.Urlhaus));
        Assert.Equal(["http://bad.example.net/x.exe"], Parse(line).Values);
    }

    [Fact]
    public void Csv_fields_keep_commas_and_doubled_quotes_inside_quotes() =>
        Assert.Equal(["1", "a,b", "say \"hi\"", ""], BlocklistParser.CsvFields("\"1\",\"a,b\",\"say \"\"hi\"\"\","));

    [Theory]
    [InlineData("# a comment")]
    [InlineData("#")]
    [InlineData("! adblock comment")]
    [InlineData("[Adblock Plus 2.0]")]
    [InlineData("# \"id\",\"dateadded\",\"url\"")]
    public void Comments_are_counted_as_comments(string line) => Assert.Equal(BlocklistLineKind.Comment, Parse(line).Kind);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void Blank_lines_are_neither_entries_nor_junk(string line) => Assert.Equal(BlocklistLineKind.Blank, Parse(line).Kind);

    [Theory]
    [InlineData("this is junk", "Auto")]
    [InlineData("||evil.com/path^", "Adblock")]
    [InlineData("||*.evil.com^", "Adblock")]
    [InlineData("@@||good.com^", "Adblock")]
    [InlineData("example.com##.banner", "Adblock")]
    [InlineData("||evil.com", "Adblock")]
    [InlineData("evil.com", "Hosts")]
    [InlineData("0.0.0.0", "Hosts")]
    [InlineData("0.0.0.0 evil.com", "Domains")]
    [InlineData("\"1\",\"2024\",\"not a url\"", "Urlhaus")]
    public void Lines_of_no_format_or_of_another_format_are_junk(string line, string format) =>
        Assert.Equal(BlocklistLineKind.Junk, Parse(line, Enum.Parse<BlocklistFormat>(format)).Kind);
}
