namespace Hop.Data;

/// <summary>Installation-wide values that must be the same on every instance, such as the code key.</summary>
internal sealed class AppSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
}
