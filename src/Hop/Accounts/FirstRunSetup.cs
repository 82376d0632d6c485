using Hop.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using LinkOptions = Hop.Links.LinkOptions;

namespace Hop.Accounts;

/// <summary>
/// On the single-node default, while no user exists, each start makes a one-time admin invite (kept
/// hashed, valid once, expiring) and prints its link, so the first admin needs no CLI access.
/// Runs after the start-up migration, which is registered before it.
/// </summary>
internal sealed class FirstRunSetup(
    IServiceScopeFactory scopes,
    IOptions<AccountOptions> accounts,
    IOptions<DatabaseOptions> database,
    IOptions<LinkOptions> links,
    IHostApplicationLifetime lifetime,
    IServer server,
    ILogger<FirstRunSetup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!(accounts.Value.FirstRunSetup ?? database.Value.Provider == DatabaseProvider.Sqlite))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HopDbContext>();
        try
        {
            if (await db.Users.AnyAsync(cancellationToken))
            {
                return;
            }
        }
        catch (System.Data.Common.DbException e)
        {
            // An unreachable database must not stop the process: /readyz reports it instead.
            AccountsLog.FirstRunSetupSkipped(logger, e.Message);
            return;
        }

        var (token, invite) = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .CreateInviteAsync(Roles.Admin, createdBy: null, accounts.Value.SetupTokenLifetime, cancellationToken);
        var path = UserAccounts.InvitePath(token);

        // The listening address is known only once the server has started.
        lifetime.ApplicationStarted.Register(() =>
        {
            var root = links.Value.ConfiguredRoot
                ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.Replace("://+", "://localhost", StringComparison.Ordinal)
                    .Replace("://*", "://localhost", StringComparison.Ordinal)
                ?? "";
            AccountsLog.FirstRunSetup(logger, root.TrimEnd('/') + path, invite.ExpiresAt);
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
