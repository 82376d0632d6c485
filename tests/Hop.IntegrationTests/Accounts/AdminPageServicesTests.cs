using System.Net;
using System.Text;
using Hop.Accounts;
using Hop.Domains;
using Hop.IntegrationTests.Infrastructure;
using Hop.Links;
using Microsoft.Extensions.DependencyInjection;

namespace Hop.IntegrationTests.Accounts;

/// <summary>
/// The feature code the keys and admin pages share with the API, on each database: finding users, changing
/// roles, every link for an admin with a disable the owner cannot undo, and a domain replaced field by field.
/// </summary>
public abstract class AdminPageServicesTests(HopHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Users_are_found_by_part_of_their_name_or_email_in_any_case_and_paged_by_id()
    {
        var ann = await host.CreateUserAsync();
        var bob = await host.CreateUserAsync();
        await WithAsync<UserAdministration>(async users =>
        {
            var byName = await users.ListAsync(ann.Username[3..12].ToUpperInvariant(), after: null, take: 10, Ct);
            Assert.Equal([ann.Id], byName.Items.Select(u => u.Id));
            var byEmail = await users.ListAsync($"{bob.Username}@EXAMPLE", after: null, take: 10, Ct);
            Assert.Equal([bob.Id], byEmail.Items.Select(u => u.Id));

            var first = await users.ListAsync(null, after: ann.Id - 1, take: 1, Ct);
            Assert.Equal([ann.Id], first.Items.Select(u => u.Id));
            Assert.Equal(ann.Id, first.Next);
            Assert.Contains(bob.Id, (await users.ListAsync(null, first.Next, take: 500, Ct)).Items.Select(u => u.Id));
        });
    }

    [Fact]
    public async Task A_new_role_takes_effect_on_the_next_request_and_an_admin_never_changes_their_own()
    {
        var admin = await host.CreateUserAsync(Roles.Admin);
        // A user's key may carry the admin scope; it only counts once the user is an admin.
        var user = await host.CreateUserAsync(Roles.User, Scopes.All);
        Assert.Equal(HttpStatusCode.NotFound, (await user.Client.GetAsync("/api/v1/admin/users", Ct)).StatusCode);

        await WithAsync<UserAdministration>(async users =>
        {
            Assert.True((await users.ChangeRoleAsync(user.Id, Roles.Admin, admin.Id, Ct)).Succeeded);
            Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("/api/v1/admin/users", Ct)).StatusCode);

            var own = await users.ChangeRoleAsync(admin.Id, Roles.User, admin.Id, Ct);
            Assert.False(own.Succeeded);
            Assert.Equal("Cannot change your own role", own.Title);
            Assert.Equal(["role"], (await users.ChangeRoleAsync(user.Id, "owner", admin.Id, Ct)).Errors!.Keys);
            Assert.True((await users.ChangeRoleAsync(long.MaxValue, Roles.User, admin.Id, Ct)).IsNotFound);

            Assert.True((await users.ChangeRoleAsync(user.Id, Roles.User, admin.Id, Ct)).Succeeded);
            Assert.Equal(HttpStatusCode.NotFound, (await user.Client.GetAsync("/api/v1/admin/users", Ct)).StatusCode);
            Assert.False((await users.SetDisabledAsync(admin.Id, disabled: true, admin.Id, Ct)).Succeeded);
        });
    }

    [Fact]
    public async Task An_admin_lists_every_owner_s_links_by_state_and_disables_one_its_owner_cannot_enable()
    {
        var admin = await host.CreateUserAsync(Roles.Admin);
        var owner = await host.CreateUserAsync();
        var tag = $"m{Guid.NewGuid():N}"[..12];
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await (await owner.Client.CreateLinkAsync(new { url = $"https://example.com/{tag}/{i}" })).ReadJsonAsync()).Str("code"));
        }

        var caller = new Caller(admin.Id, IsAdmin: true, Scopes.All.ToHashSet());
        await WithAsync<LinkModeration>(async moderation =>
        {
            var page = await moderation.ListAsync(tag.ToUpperInvariant(), state: null, cursor: null, take: 2, Ct);
            Assert.Equal([codes[2], codes[1]], page.Items.Select(i => i.Link.Code));
            Assert.All(page.Items, i => Assert.Equal(owner.Username, i.Owner));
            var rest = await moderation.ListAsync(tag, state: null, page.NextCursor, take: 2, Ct);
            Assert.Equal([codes[0]], rest.Items.Select(i => i.Link.Code));
            Assert.Null(rest.NextCursor);

            var id = page.Items[0].Link.Id;
            var tooLong = await moderation.DisableAsync(id, new string('x', LinkModeration.MaxReasonLength + 1), caller, Ct);
            Assert.Equal(LinkWriteStatus.Invalid, tooLong.Status);
            Assert.Equal(LinkWriteStatus.Changed, (await moderation.DisableAsync(id, "  spam  ", caller, Ct)).Status);
            var disabled = await moderation.ListAsync(tag, LinkState.Disabled, cursor: null, take: 10, Ct);
            Assert.Equal([codes[2]], disabled.Items.Select(i => i.Link.Code));
            Assert.Equal("disabled by an administrator: spam", disabled.Items[0].Link.DisabledReason);

            var shown = await (await owner.Client.GetAsync($"/api/v1/links/{codes[2]}", Ct)).ReadJsonAsync();
            Assert.Equal("disabled", shown.Str("state"));
            using var undo = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/links/{codes[2]}")
            {
                Content = new StringContent("""{"disabled":false}""", Encoding.UTF8, "application/merge-patch+json"),
            };
            Assert.Equal(HttpStatusCode.BadRequest, (await owner.Client.SendAsync(undo, Ct)).StatusCode);

            Assert.Equal(LinkWriteStatus.Changed, (await moderation.EnableAsync(id, caller, Ct)).Status);
            Assert.Empty((await moderation.ListAsync(tag, LinkState.Disabled, cursor: null, take: 10, Ct)).Items);
            Assert.Equal(LinkWriteStatus.NotFound, (await moderation.DisableAsync(long.MaxValue, null, caller, Ct)).Status);
        });
    }

    [Fact]
    public async Task A_domain_is_replaced_field_by_field_with_its_host_kept_and_every_refusal_reported()
    {
        var host1 = $"p{Guid.NewGuid():N}"[..12] + ".example.com";
        await WithAsync<DomainStore>(async store =>
        {
            var added = await store.AddAsync(new DomainRequest { Host = host1, RootRedirect = "https://example.org/" }, Ct);
            Assert.Equal(DomainWriteStatus.Done, added.Status);
            var id = added.Domain!.Id;

            var bad = await store.UpdateAsync(id, new DomainRequest { Host = "ignored.example.com", RootRedirect = "javascript:x", Access = "users" }, Ct);
            Assert.Equal(DomainWriteStatus.Invalid, bad.Status);
            Assert.Equal(["rootRedirect", "users"], bad.Errors!.Keys.Order());

            var changed = await store.UpdateAsync(id, new DomainRequest { Host = "ignored.example.com", Https = false, Access = "admins" }, Ct);
            Assert.Equal(DomainWriteStatus.Done, changed.Status);
            Assert.Equal(host1, changed.Domain!.Host);
            Assert.False(changed.Domain.Https);
            Assert.Null(changed.Domain.RootRedirect);
            Assert.Equal(DomainAccess.Admins, changed.Domain.Access);

            Assert.Equal(DomainWriteStatus.NotFound, (await store.UpdateAsync(long.MaxValue, new DomainRequest(), Ct)).Status);
            var taken = await store.AddAsync(new DomainRequest { Host = host1 }, Ct);
            Assert.Equal(("Host taken", "host"), (taken.Refusal.Title, taken.Refusal.Field));
            Assert.Equal(DomainWriteStatus.Done, (await store.RemoveAsync(id, Ct)).Status);
        });
    }

    private async Task WithAsync<T>(Func<T, Task> action)
        where T : notnull
    {
        await using var scope = host.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<T>());
    }
}

public sealed class SqliteAdminPageServicesTests(HopHost<Sqlite, Defaults> host)
    : AdminPageServicesTests(host), IClassFixture<HopHost<Sqlite, Defaults>>;

public sealed class PostgresAdminPageServicesTests(HopHost<Postgres, Defaults> host)
    : AdminPageServicesTests(host), IClassFixture<HopHost<Postgres, Defaults>>;
