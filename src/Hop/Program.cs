using Hop.Accounts;
using Hop.Cli;
using Hop.Clicks;
using Hop.Clicks.Stats;
using Hop.Data;
using Hop.Domains;
using Hop.Hosting;
using Hop.Links;
using Hop.Observability;
using Hop.Pages;
using Hop.Redirects;
using Hop.Safety;
using Hop.Security;

if (HopCli.IsVerb(args))
{
    return await HopCli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(HopCli.ServeArguments(args));

builder.AddHopConfiguration();
builder.AddObservability();
builder.AddErrorHandling();
builder.AddLoadShedding();
builder.AddJson();
builder.AddData();
builder.AddAccounts();
builder.AddSecurity();
builder.AddSafety();
builder.AddLinks();
builder.AddDomains();
builder.AddRedirects();
builder.AddClicks();
builder.AddPages();
builder.AddPageDelivery();
builder.AddHopOpenApi();

var app = builder.Build();
if (!app.OptionsAreValid() || !await app.KeysAtRestAreReadableAsync())
{
    return 1;
}

app.UseErrorHandling();
app.UseTrustedProxies();
app.UseRedirectFastPath();
app.UseLoadShedding();
app.UsePageDelivery();
app.UseSecurityHeaders();
app.UseDomainRoots();
app.UseRequestLimits();
app.MapObservability();
app.UseAccounts();
app.UseIdempotencyKeys();
app.MapAccounts();
app.MapLinks();
app.MapSafety();
app.MapRedirects();
app.MapDomains();
app.MapClicks();
app.MapPages();
app.MapHopOpenApi();
app.LogListeningAddresses();

await app.RunAsync();
return 0;

/// <summary>The entry point; public so that the integration tests can host the app.</summary>
public partial class Program;
