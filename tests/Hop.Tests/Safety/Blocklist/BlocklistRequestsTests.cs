using Hop.Safety.Blocklist;

namespace Hop.Tests.Safety.Blocklist;

/// <summary>The rules the API and the admin page share for what an admin asks of the blocklist.</summary>
public sealed class BlocklistRequestsTests
{
    [Fact]
    public void One_value_is_normalized_with_the_default_action()
    {
        var errors = new Dictionary<string, string[]>();
        var (entries, action) = BlocklistRequests.ValidateAdd(new BlocklistAddRequest { Value = "EVIL.example.com." }, errors);
        Assert.Empty(errors);
        Assert.Equal(BlocklistAction.Block, action);
        Assert.Equal([("evil.example.com", BlocklistKind.Domain)], entries);
    }

    [Fact]
    public void A_url_is_an_exact_entry_and_review_is_an_action()
    {
        var errors = new Dictionary<string, string[]>();
        var (entries, action) = BlocklistRequests.ValidateAdd(
            new BlocklistAddRequest { Value = "https://evil.example.com/login", Action = " Review " }, errors);
        Assert.Empty(errors);
        Assert.Equal(BlocklistAction.Review, action);
        Assert.Equal(BlocklistKind.Url, Assert.Single(entries).Kind);
    }

    [Theory]
    [InlineData(null, "value")]
    [InlineData("  ", "value")]
    [InlineData("co.uk", "value")]
    [InlineData("192.0.2.1", "value")]
    public void A_value_that_cannot_be_blocked_is_an_error_on_its_field(string? value, string field)
    {
        var errors = new Dictionary<string, string[]>();
        BlocklistRequests.ValidateAdd(new BlocklistAddRequest { Value = value }, errors);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = new Dictionary<string, string[]>();
        BlocklistRequests.ValidateAdd(new BlocklistAddRequest { Value = "com", Action = "nuke", Reason = new string('x', 501) }, errors);
        Assert.Equal(["action", "reason", "value"], errors.Keys.Order());
    }

    [Fact]
    public void Value_and_values_together_are_refused()
    {
        var errors = new Dictionary<string, string[]>();
        BlocklistRequests.ValidateAdd(new BlocklistAddRequest { Value = "a.example.com", Values = ["b.example.com"] }, errors);
        Assert.Contains("values", errors.Keys);
    }

    [Theory]
    [InlineData("hosts", "Hosts")]
    [InlineData("ADBLOCK", "Adblock")]
    [InlineData(null, "Auto")]
    public void Import_formats_are_read_by_name(string? format, string expected)
    {
        var errors = new Dictionary<string, string[]>();
        var (parsed, _) = BlocklistRequests.ValidateImport(format, null, null, "list.txt", errors);
        Assert.Empty(errors);
        Assert.Equal(expected, parsed.ToString());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("csv")]
    [InlineData("")]
    public void An_unknown_or_numeric_format_is_refused(string format)
    {
        var errors = new Dictionary<string, string[]>();
        BlocklistRequests.ValidateImport(format, null, null, null, errors);
        Assert.Contains("format", errors.Keys);
    }

    [Fact]
    public void An_import_name_is_bounded()
    {
        var errors = new Dictionary<string, string[]>();
        BlocklistRequests.ValidateImport(null, null, null, new string('n', BlocklistRequests.MaxImportNameLength + 1), errors);
        Assert.Contains("name", errors.Keys);
    }
}
