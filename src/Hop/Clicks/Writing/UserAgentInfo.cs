namespace Hop.Clicks.Writing;

/// <summary>What a user agent string says about the visitor.</summary>
internal readonly record struct UserAgentInfo(VisitorClass Class, string Browser, string Os, string Device);
