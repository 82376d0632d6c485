using Hop.Domains;

namespace Hop.Links;

internal sealed record BatchItemResult
{
    /// <summary>Position in the request's items (0-based), or the CSV data row (0-based, header excluded).</summary>
    public required int Index { get; init; }
    /// <summary>201 when created, otherwise the status a single create would have answered.</summary>
    public required int Status { get; init; }
    public LinkResponse? Link { get; init; }
    public ItemProblem? Problem { get; init; }

    /// <summary>One item's answer: the link as a single create would answer it, or its problem.</summary>
    public static BatchItemResult From(int index, LinkWrite write, Func<Link, LinkAddress> addressOf, DateTime now)
    {
        if (write.Status == LinkWriteStatus.Created)
        {
            var link = write.Link!;
            return new() { Index = index, Status = StatusCodes.Status201Created, Link = LinkResponse.From(link, addressOf(link), now) };
        }

        var problem = write.Status == LinkWriteStatus.AliasTaken ? ItemProblem.AliasTaken(write.Link!.Code) : ItemProblem.Invalid(write.Errors!);
        return new() { Index = index, Status = problem.Status, Problem = problem };
    }
}
