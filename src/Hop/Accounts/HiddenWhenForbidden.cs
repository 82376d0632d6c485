using Hop.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Hop.Accounts;

/// <summary>Endpoint metadata: a caller who may not use the endpoint gets 404, as if it did not exist.</summary>
internal sealed class HiddenWhenForbidden
{
    public static readonly HiddenWhenForbidden Instance = new();
}
