using System.ComponentModel;
using Hop.Hosting;

namespace Hop.Clicks;

[TypeConverter(typeof(UnknownNameAsUndefined<ClickTransportKind>))]
internal enum ClickTransportKind
{
    /// <summary>Events go from the bounded queue straight to the batch writer in the same process.</summary>
    InProcess,

    /// <summary>Events are published to RabbitMQ; <c>hop worker</c> writes them.</summary>
    RabbitMq,
}
