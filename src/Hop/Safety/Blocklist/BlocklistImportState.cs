namespace Hop.Safety.Blocklist;

/// <summary>Where a <see cref="BlocklistImportJob"/> is.</summary>
internal enum BlocklistImportState
{
    /// <summary>Reading the file and inserting its entries.</summary>
    Reading,

    /// <summary>The file is read; the links the new entries match are being disabled or flagged.</summary>
    ActingOnLinks,
    Finished,
    Failed,
}
