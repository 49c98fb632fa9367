using System.Xml.Linq;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Hardening;

/// <summary>What the database alone does not give away: the Data Protection key ring is encrypted with a
/// certificate kept outside it, and recovery codes are keyed with a pepper (docs/security.md).</summary>
public sealed class SecretsAtRestTests
{
    [Fact]
    public async Task The_key_ring_cannot_be_read_with_the_database_alone()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        await using var scope = host.Services.CreateAsyncScope();
        // A key made now, the way the app makes every key.
        var keys = host.Services.GetRequiredService<IKeyManager>();
        var made = keys.CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var xml = await db.DataProtectionKeys.Where(k => k.FriendlyName == "key-" + made.KeyId.ToString("D")).Select(k => k.Xml!).SingleAsync();

        var elements = XElement.Parse(xml).Descendants().Select(e => e.Name.LocalName).ToList();
        Assert.Contains("encryptedSecret", elements);
        Assert.DoesNotContain("masterKey", elements);
        Assert.DoesNotContain("<value>", xml, StringComparison.Ordinal);

        // With the certificate (the portal) the key opens; with only what the database holds it does not.
        Assert.NotNull(keys.GetAllKeys().Single(k => k.KeyId == made.KeyId).Descriptor);
        var databaseOnly = new ServiceCollection();
        databaseOnly.AddDataProtection().SetApplicationName("boltly-portal");
        var rows = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        databaseOnly.Configure<KeyManagementOptions>(o => o.XmlRepository = new DatabaseRows(rows));
        await using var services = databaseOnly.BuildServiceProvider();
        var copy = services.GetRequiredService<IKeyManager>().GetAllKeys().Single(k => k.KeyId == made.KeyId);
        Assert.ThrowsAny<Exception>(() => copy.Descriptor);
    }

    [Fact]
    public async Task Recovery_codes_are_stored_keyed_with_the_pepper_and_codes_stored_before_it_still_redeem_once()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var user = await TestUser.CreateAsync(host);
        await using var scope = host.Services.CreateAsyncScope();
        var codes = scope.ServiceProvider.GetRequiredService<RecoveryCodeService>();
        var issued = await codes.ReplaceAsync(user.UserId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = await db.RecoveryCodes.Where(c => c.UserId == user.UserId).Select(c => c.CodeHash).ToListAsync();
        var bare = issued.Select(c => Boltly.Platform.Security.SecretHasher.Sha256Hex(RecoveryCodeService.Normalize(c)!)).ToList();
        Assert.Empty(stored.Intersect(bare));
        Assert.True(await codes.RedeemAsync(user.UserId, issued[0]));

        // A code stored as bare SHA-256 before the pepper: it still works, once.
        const string legacy = "abcd-efgh-jkmn";
        db.RecoveryCodes.Add(new RecoveryCode { UserId = user.UserId, CodeHash = Boltly.Platform.Security.SecretHasher.Sha256Hex("abcdefghjkmn"), CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        Assert.True(await codes.RedeemAsync(user.UserId, legacy));
        Assert.False(await codes.RedeemAsync(user.UserId, legacy));
    }

    private sealed class DatabaseRows(IReadOnlyList<string> xml) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => xml.Select(XElement.Parse).ToList();

        public void StoreElement(XElement element, string friendlyName)
        {
        }
    }
}
