using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using KestrelServerOptions = Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions;

namespace Hop.Hosting;

internal sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest request body most endpoints accept.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest request body of endpoints that take many items at once (batch, import).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBulkBodyBytes { get; set; } = 32 * 1024 * 1024;
}
