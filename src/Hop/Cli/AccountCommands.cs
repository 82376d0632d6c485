using System.CommandLine;
using System.Globalization;
using System.Text;
using Hop.Accounts;
using Hop.Data;
using Hop.Domains;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Hop.Cli;

/// <summary><c>hop users …</c> and <c>hop keys …</c>: accounts without the web app, e.g. the first admin.</summary>
internal static partial class HopCli
{
    private static Command UsersCommand()
    {
        var username = new Option<string>("--username") { Description = "3–32 of a-z 0-9 _ . -", Required = true };
        var email = new Option<string>("--email") { Description = "the user's email address", Required = true };
        var admin = new Option<bool>("--admin") { Description = "make the user an admin" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "read the password from the first line of stdin instead of prompting" };
        var create = new Command("create", "Create a user (the first admin, or anyone when registration is closed).")
        {
            username, email, admin, passwordStdin,
        };
        create.SetAction(async (parse, ct) =>
        {
            using var host = BuildHost([]);
            await using var scope = await OpenAsync(host, ct);
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            var password = parse.GetValue(passwordStdin) ? await Console.In.ReadLineAsync(ct) : ReadPasswordTwice();
            if (password is null)
            {
                return Fail("No password given: use --password-stdin or run in a terminal to be prompted.");
            }

            var errors = accounts.Validate(parse.GetValue(username), parse.GetValue(email), password);
            if (errors.Count > 0)
            {
                return Fail(string.Join(Environment.NewLine, errors.Values.SelectMany(e => e)));
            }

            var (user, taken) = await accounts.CreateAsync(parse.GetValue(username)!, parse.GetValue(email)!, password,
                parse.GetValue(admin) ? Roles.Admin : Roles.User, ct);
            if (user is null)
            {
                return Fail($"Another account already uses this {taken}.");
            }

            await Console.Out.WriteLineAsync($"Created {user.Role} '{user.Username}' (id {user.Id}).");
            return 0;
        });

        return new Command("users", "Manage users.") { create, DeleteUserCommand() };
    }

    private static Command DeleteUserCommand()
    {
        var username = new Argument<string>("username") { Description = "the user to delete" };
        var yes = new Option<bool>("--yes") { Description = "do not ask for confirmation" };
        var delete = new Command("delete",
            "Delete a user and everything they own: keys, sessions, invites, visits; their short links answer 410 from then on.")
        {
            username, yes,
        };
        delete.SetAction((parse, ct) => WithUserAsync(parse.GetValue(username)!, async (services, user) =>
        {
            if (!parse.GetValue(yes) && !ConfirmDeletion(user.Username))
            {
                return Fail("Not deleted: confirm by typing the username, or pass --yes.");
            }

            var deleted = await services.GetRequiredService<AccountData>().DeleteAsync(user.Id, "the command line", ct);
            if (deleted.Status == AccountDeletionStatus.LastAdmin)
            {
                return Fail($"'{user.Username}' is the only active admin; make another user an admin first.");
            }

            if (services.GetRequiredService<IConfiguration>()["Cache:Redis"] is { Length: > 0 } redis)
            {
                try
                {
                    await Redirects.LinkCache.InvalidateEverywhereAsync(
                        redis, deleted.Codes, await services.GetRequiredService<Data.HopDbContext>().Domains.Select(d => d.Id).ToListAsync(ct));
                }
                catch (StackExchange.Redis.RedisException e)
                {
                    await Console.Error.WriteLineAsync(
                        $"Redis could not be told ({e.Message}); running instances may redirect these links until their cache entries expire.");
                }
            }

            await Console.Out.WriteLineAsync(
                $"Deleted user '{user.Username}' (id {user.Id}); {deleted.Codes.Count} short link(s) answer 410 from now on.");
            return 0;
        }, ct));
        return delete;
    }

    /// <summary>Asks on the terminal for the username again; false without a terminal.</summary>
    private static bool ConfirmDeletion(string username)
    {
        if (Console.IsInputRedirected)
        {
            return false;
        }

        Console.Error.Write($"This deletes '{username}' and everything they own, for good. Type the username to confirm: ");
        return Console.ReadLine()?.Trim() == username;
    }

    private static Command KeysCommand()
    {
        var user = new Option<string>("--user") { Description = "username of the key's owner", Required = true };
        var name = new Option<string>("--name") { Description = "a name to tell the key apart", Required = true };
        var scope = new Option<string[]>("--scope")
        {
            Description = $"a scope to grant (repeatable): {string.Join(", ", Scopes.All)}",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "when the key stops working (ISO 8601)" };
        var domain = new Option<string?>("--domain") { Description = "limit the key to the domain with this host" };
        var create = new Command("create", "Create an API key; the key is printed once, on stdout.") { user, name, scope, expires, domain };
        create.SetAction((parse, ct) => WithUserAsync(parse.GetValue(user)!, async (services, owner) =>
        {
            var request = new CreateKeyRequest { Name = parse.GetValue(name), Scopes = parse.GetValue(scope), ExpiresAt = parse.GetValue(expires) };
            long? domainId = null;
            if (parse.GetValue(domain) is { } host)
            {
                var canonical = DomainRules.Canonical(host);
                domainId = await services.GetRequiredService<HopDbContext>().Domains
                    .Where(d => d.Host == canonical).Select(d => (long?)d.Id).FirstOrDefaultAsync(ct);
                if (domainId is null)
                {
                    return Fail($"No domain '{host}': add it first with hop domains add.");
                }
            }

            var grantable = Caller.ScopesOfRole(owner.Role);
            var created = await services.GetRequiredService<ApiKeys>().CreateAsync(owner.Id, request, grantable.Contains, domainId, domainErrors: null, ct);
            if (created.Key is not { } key)
            {
                return Fail(created.Errors is { } errors
                    ? string.Join(Environment.NewLine, errors.Values.SelectMany(e => e))
                    : $"'{owner.Username}' is not an admin, so a key of theirs cannot hold '{created.ScopeNotHeld}'.");
            }

            await Console.Error.WriteLineAsync($"Created key {key.Id} ({key.Prefix}…) for '{owner.Username}'. Copy it now; it is not shown again:");
            await Console.Out.WriteLineAsync(created.Secret);
            return 0;
        }, ct));

        var listUser = new Option<string>("--user") { Description = "username whose keys to list", Required = true };
        var list = new Command("list", "List a user's API keys (never their secrets).") { listUser };
        list.SetAction((parse, ct) => WithUserAsync(parse.GetValue(listUser)!, async (services, owner) =>
        {
            var keys = await services.GetRequiredService<ApiKeys>().ListAsync(owner.Id, ct);
            var table = new StringBuilder("ID\tPREFIX\tNAME\tSCOPES\tCREATED\tEXPIRES\tREVOKED\tLAST USED\n");
            foreach (var k in keys)
            {
                table.Append(CultureInfo.InvariantCulture,
                    $"{k.Id}\t{k.Prefix}\t{k.Name}\t{string.Join(',', k.Scopes)}\t{Time(k.CreatedAt)}\t{Time(k.ExpiresAt)}\t{Time(k.RevokedAt)}\t{Time(k.LastUsedAt)}\n");
            }

            await Console.Out.WriteAsync(table.ToString());
            return 0;
        }, ct));

        var id = new Argument<long>("id") { Description = "the key's id (see `hop keys list`)" };
        var revoke = new Command("revoke", "Revoke an API key; it stops working at once.") { id };
        revoke.SetAction(async (parse, ct) =>
        {
            using var host = BuildHost([]);
            await using var services = await OpenAsync(host, ct);
            var keys = services.ServiceProvider.GetRequiredService<ApiKeys>();
            if (!await keys.RevokeAsync(parse.GetValue(id), ownerId: null, byUserId: null, ct))
            {
                return Fail($"No key {parse.GetValue(id)}.");
            }

            await Console.Out.WriteLineAsync($"Revoked key {parse.GetValue(id)}.");
            return 0;
        });

        return new Command("keys", "Manage API keys.") { create, list, revoke };
    }

    /// <summary>A scope on the CLI host; on the single-node default the schema is brought up to date first.</summary>
    private static async Task<AsyncServiceScope> OpenAsync(IHost host, CancellationToken ct)
    {
        var scope = host.Services.CreateAsyncScope();
        if (host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.EffectiveAutoMigrate)
        {
            await DataServices.MigrateAllAsync(scope.ServiceProvider, ct);
        }

        return scope;
    }

    /// <summary>Runs <paramref name="action"/> for the user named <paramref name="username"/>; fails when there is none.</summary>
    private static async Task<int> WithUserAsync(string username, Func<IServiceProvider, User, Task<int>> action, CancellationToken ct)
    {
        using var host = BuildHost([]);
        await using var services = await OpenAsync(host, ct);
        var normalized = UserRules.NormalizeUsername(username);
        var user = await services.ServiceProvider.GetRequiredService<HopDbContext>().Users.AsNoTracking()
            .FirstOrDefaultAsync(u => u.Username == normalized, ct);
        return user is null ? Fail($"No user '{username}'.") : await action(services.ServiceProvider, user);
    }

    private static string Time(DateTime? time) => time?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-";

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }

    /// <summary>Prompts on the terminal without echo, twice; null when there is no terminal.</summary>
    private static string? ReadPasswordTwice()
    {
        if (Console.IsInputRedirected)
        {
            return null;
        }

        var first = ReadHidden("Password: ");
        var second = ReadHidden("Repeat password: ");
        if (first != second)
        {
            Console.Error.WriteLine("The passwords differ.");
            return null;
        }

        return first;
    }

    private static string ReadHidden(string prompt)
    {
        Console.Error.Write(prompt);
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return text.ToString();
    }
}
