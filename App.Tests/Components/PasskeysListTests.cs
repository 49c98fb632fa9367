using Boltly.Features.Passkeys;
using Boltly.Features.Passkeys.Pages;
using Bunit;

namespace Boltly.Tests.Components;

/// <summary>The passkeys list of Settings → Security, rendered without a server.</summary>
public sealed class PasskeysListTests : DashboardTestContext
{
    private static readonly DateTimeOffset Added = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void No_passkeys_says_so_and_counts_zero()
    {
        var cut = Render<PasskeysList>(p => p.Add(c => c.Passkeys, []).Add(c => c.Limit, 10).Add(c => c.NameMaxLength, 64));
        Assert.Equal("0 of 10 passkeys", cut.Find("[data-testid=passkey-count]").TextContent.Trim());
        Assert.NotNull(cut.Find("[data-testid=passkeys-empty]"));
        Assert.Empty(cut.FindAll("[data-testid=passkey-row]"));
        Assert.Empty(cut.FindAll("[data-testid=passkey-limit-reached]"));
    }

    [Fact]
    public void Each_passkey_shows_its_name_and_date_with_rename_and_remove_forms_for_its_id()
    {
        PasskeySummary[] passkeys = [new("AAEC", "Work laptop", Added), new("AwQF", "<b>Phone</b>", Added.AddDays(1))];
        var cut = Render<PasskeysList>(p => p.Add(c => c.Passkeys, passkeys).Add(c => c.Limit, 10).Add(c => c.NameMaxLength, 64));

        Assert.Equal("2 of 10 passkeys", cut.Find("[data-testid=passkey-count]").TextContent.Trim());
        var rows = cut.FindAll("[data-testid=passkey-row]");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["Work laptop", "<b>Phone</b>"], cut.FindAll("[data-testid=passkey-name]").Select(e => e.TextContent));
        Assert.Empty(cut.FindAll("[data-testid=passkey-name] b")); // a name is text, never markup
        Assert.Contains("Added 2026-11-30", rows[0].TextContent);

        var rename = rows[0].QuerySelector("[data-testid=passkey-rename-form]")!;
        Assert.Equal("AAEC", rename.QuerySelector("input[name='RenameInput.Id']")!.GetAttribute("value"));
        var field = rename.QuerySelector("[data-testid=passkey-rename-name]")!;
        Assert.Equal("Work laptop", field.GetAttribute("value"));
        Assert.Equal("64", field.GetAttribute("maxlength"));
        Assert.Equal(field.Id, rename.QuerySelector("label")!.GetAttribute("for"));
        var remove = rows[1].QuerySelector("[data-testid=passkey-remove-form]")!;
        Assert.Equal("AwQF", remove.QuerySelector("input[name='RemoveInput.Id']")!.GetAttribute("value"));
    }

    [Fact]
    public void At_the_limit_it_says_why_no_more_can_be_added()
    {
        var passkeys = Enumerable.Range(0, 3).Select(i => new PasskeySummary($"AA{i}A", $"Key {i}", Added)).ToList();
        var cut = Render<PasskeysList>(p => p.Add(c => c.Passkeys, passkeys).Add(c => c.Limit, 3).Add(c => c.NameMaxLength, 64));
        Assert.Equal("3 of 3 passkeys", cut.Find("[data-testid=passkey-count]").TextContent.Trim());
        Assert.Contains("You have 3 passkeys, the maximum.", cut.Find("[data-testid=passkey-limit-reached]").TextContent);
    }
}
