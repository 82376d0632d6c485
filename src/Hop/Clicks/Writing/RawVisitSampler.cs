using Microsoft.Extensions.Options;

namespace Hop.Clicks.Writing;

/// <summary>
/// Picks the visits of a write that are kept as raw rows, as <see cref="ClickOptions.RawVisits"/> says:
/// all of them (each row standing for 1 visit), none, or one in <see cref="ClickOptions.RawVisitSampleRate"/>
/// by a running count over every write of this process (each row standing for that many). The counters
/// count every visit whatever this keeps.
/// </summary>
internal sealed class RawVisitSampler(IOptions<ClickOptions> options)
{
    private readonly RawVisitMode _mode = options.Value.RawVisits;
    private readonly int _rate = options.Value.RawVisitSampleRate;
    private long _seen;

    /// <summary>The rows to store, and how many visits each stands for.</summary>
    public (IReadOnlyList<EnrichedVisit> Rows, short SampleRate) Choose(IReadOnlyList<EnrichedVisit> visits)
    {
        switch (_mode)
        {
            case RawVisitMode.Off:
                return ([], 1);
            case RawVisitMode.Sample:
                var first = Interlocked.Add(ref _seen, visits.Count) - visits.Count;
                var rows = new List<EnrichedVisit>(visits.Count / _rate + 1);
                // The visits whose running number is a multiple of the rate.
                for (var i = (int)((_rate - first % _rate) % _rate); i < visits.Count; i += _rate)
                {
                    rows.Add(visits[i]);
                }

                return (rows, (short)_rate);
            default:
                return (visits, 1);
        }
    }
}
