using System.ComponentModel;
using Hop.Hosting;

namespace Hop.Observability;

/// <summary>How the console logs read: <c>Logs:Format</c>.</summary>
[TypeConverter(typeof(UnknownNameAsUndefined<LogFormat>))]
internal enum LogFormat
{
    /// <summary>Plain text on a terminal, JSON lines when the output goes anywhere else.</summary>
    Auto,

    /// <summary>One JSON object a line, for a collector (systemd's journal, a container runtime).</summary>
    Json,

    /// <summary>One plain line an entry, for a person.</summary>
    Text,
}
