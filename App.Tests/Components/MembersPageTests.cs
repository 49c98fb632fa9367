using Boltly.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ApiKeysPage = Boltly.Features.ApiKeys.Pages.ApiKeys;
using MembersPage = Boltly.Features.Members.Pages.Members;

namespace Boltly.Tests.Components;

/// <summary>Settings → Members against the real MemberService and InvitationService: an owner invites and changes, a viewer
/// only sees; and the API Keys page shows a viewer no Create button.</summary>
public sealed class MembersPageTests(SharedPortal portal) : ApiKeysTestContext(portal)
{
    [Fact]
    public async Task An_owner_sees_every_member_with_controls_and_invites_a_colleague()
    {
        await ArrangeAsync();
        var viewer = await TestMembers.AddAsync(Portal.Host, User.AccountId, MemberRoles.Viewer);
        UseInteractiveRenderer();
        var cut = Render<MembersPage>();
        RenderProviders();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=member-row]").Count));
        Assert.Equal("owner", cut.FindAll("[data-testid=member-row]")[0].GetAttribute("data-role"));
        var viewerRow = cut.Find($"[data-member-id='{viewer.UserId}']");
        Assert.NotNull(viewerRow.QuerySelector("[data-testid=member-remove]"));
        Assert.NotNull(cut.Find("[data-testid=invite-form]"));
        Assert.NotNull(cut.Find("[data-testid=invitations-empty]"));

        var email = MailInbox.NewAddress("bunit");
        cut.Find("#invite-email").Change(email);
        cut.Find("[data-testid=invite-form]").Submit();
        cut.WaitForAssertion(() => Assert.Contains(email, cut.Find("[data-testid=invitations-table]").TextContent));
        Assert.NotNull(cut.Find("[data-testid=invitation-withdraw]"));

        cut.Find("[data-testid=invitation-withdraw]").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=invitations-empty]")));
    }

    [Fact]
    public async Task A_viewer_sees_the_lists_but_no_control_here_or_on_api_keys()
    {
        await ArrangeAsync();
        await TestMembers.AddAsync(Portal.Host, User.AccountId, MemberRoles.Owner);
        await MakeViewerAsync(User.UserId);
        UseInteractiveRenderer();

        var cut = Render<MembersPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=member-row]").Count));
        Assert.Empty(cut.FindAll("[data-testid=invite-form]"));
        Assert.Empty(cut.FindAll("[data-testid=member-remove]"));
        Assert.Empty(cut.FindAll("[data-testid=member-role-select]"));

        var keys = Render<ApiKeysPage>();
        keys.WaitForAssertion(() => Assert.NotNull(keys.Find("[data-testid=keys-read-only]")));
        Assert.Empty(keys.FindAll("[data-testid=create-key]"));
        Assert.Empty(keys.FindAll("[data-testid=create-first-key]"));
    }

    private async Task MakeViewerAsync(Guid userId)
    {
        await using (var db = await Portal.Host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.Role, MemberRoles.Viewer));
        await Portal.Host.Services.GetRequiredService<MemberRoleCache>().InvalidateAsync(userId);
    }
}
