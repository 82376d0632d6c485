namespace Hop.Clicks;

/// <summary>Which visits <c>Clicks:RawVisits</c> keeps as raw rows besides counting them.</summary>
internal enum RawVisitMode
{
    /// <summary>Every visit, each row standing for itself.</summary>
    All = 0,

    /// <summary>One visit in <see cref="ClickOptions.RawVisitSampleRate"/>, its row standing for that many.</summary>
    Sample = 1,

    /// <summary>None: only the counters.</summary>
    Off = 2,
}
