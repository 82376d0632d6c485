namespace Hop.Domains;

/// <summary>Where a link lives: its domain's host and its full short URL.</summary>
internal readonly record struct LinkAddress(string Domain, string ShortUrl);
