namespace Hop.Links;

/// <summary>
/// One link to create in a batch or an import, with whatever was already refused while reading it
/// (an import's unparsable cell); those refusals join the rules' own.
/// </summary>
internal sealed record LinkDraft(CreateLinkRequest Request, IReadOnlyDictionary<string, string[]>? ReadErrors = null);
