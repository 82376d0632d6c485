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

/// <summary>Marks an endpoint that takes bodies up to <see cref="ApiOptions.MaxBulkBodyBytes"/>.</summary>
internal sealed class LargeBodyMetadata
{
    public static readonly LargeBodyMetadata Instance = new();
}
