namespace Hop.Clicks;

/// <summary>
/// Which of a link's destinations a visit was sent to, as a click records it and the stats count it:
/// <see cref="Target"/> for the link's own target, 1 to n for its n-th redirect rule, −1 to −n for its
/// n-th A/B variant. One small number, so a click carries it at no cost.
/// </summary>
internal static class ClickRoute
{
    public const short Target = 0;

    /// <summary>The rule at <paramref name="index"/> (0-based) of the link's rules.</summary>
    public static short Rule(int index) => (short)(index + 1);

    /// <summary>The variant at <paramref name="index"/> (0-based) of the link's variants.</summary>
    public static short Variant(int index) => (short)-(index + 1);

    public static bool IsRule(short route) => route > 0;

    public static bool IsVariant(short route) => route < 0;

    /// <summary>The 1-based number of the rule or variant, as the API shows it.</summary>
    public static int Number(short route) => Math.Abs(route);
}
