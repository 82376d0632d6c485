namespace Hop.Links;

/// <summary>
/// What an import of a CSV file came to: a result per data row (<see cref="Response"/>, in file order,
/// beside the <see cref="Drafts"/> read from the rows), or, for a file refused whole, the reasons by field.
/// </summary>
internal sealed record CsvImport(BatchResponse? Response, IReadOnlyList<LinkDraft> Drafts, IReadOnlyDictionary<string, string[]> Errors)
{
    public static CsvImport Refused(string field, string reason) =>
        new(null, [], new Dictionary<string, string[]> { [field] = [reason] });
}
