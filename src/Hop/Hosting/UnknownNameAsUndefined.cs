using System.ComponentModel;
using System.Globalization;

namespace Hop.Hosting;

/// <summary>
/// Reads an enum from configuration: a name that is no value of <typeparamref name="TEnum"/> becomes an
/// undefined value instead of a binding exception, so that the options' validation (which refuses
/// undefined values) reports it at start-up with every other error.
/// </summary>
internal sealed class UnknownNameAsUndefined<TEnum>() : EnumConverter(typeof(TEnum))
    where TEnum : struct, Enum
{
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string name && !Enum.TryParse<TEnum>(name, ignoreCase: true, out _)
            ? Enum.ToObject(typeof(TEnum), -1)
            : base.ConvertFrom(context, culture, value);
}
