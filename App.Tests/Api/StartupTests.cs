using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Boltly.Tests.Api;

public sealed class StartupTests
{
    [Theory]
    [InlineData("")]
    [InlineData("only-31-bytes-of-signing-key-xx")]
    public async Task Outside_development_the_app_refuses_to_start_without_a_256_bit_jwt_key(string key)
    {
        Assert.True(key.Length < 32);
        await using var host = new PortalHost(new Dictionary<string, string?> { ["Jwt:SigningKey"] = key });
        var error = await Assert.ThrowsAnyAsync<Exception>(() => PortalHost.StartAsync(host));
        var validation = error as OptionsValidationException ?? error.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains("Jwt:SigningKey", validation.Message);
    }

    [Theory]
    [InlineData("Cache:MacKey", "")]
    [InlineData("Cache:MacKey", "c2hvcnQ=")]
    [InlineData("TwoFactor:RecoveryCodePepper", "")]
    [InlineData("TwoFactor:RecoveryCodePepper", "c2hvcnQ=")]
    public async Task Outside_development_the_app_refuses_to_start_without_a_cache_mac_key_and_a_recovery_code_pepper(string setting, string value)
    {
        await using var host = new PortalHost(new Dictionary<string, string?> { [setting] = value });
        var error = await Assert.ThrowsAnyAsync<Exception>(() => PortalHost.StartAsync(host));
        var validation = error as OptionsValidationException ?? error.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains(setting, validation.Message);
    }

    [Fact]
    public async Task Outside_development_the_app_refuses_to_start_without_a_certificate_for_the_key_ring()
    {
        await using var host = new PortalHost(new Dictionary<string, string?> { ["DataProtection:CertificatePath"] = "" });
        var error = await Assert.ThrowsAnyAsync<Exception>(() => PortalHost.StartAsync(host));
        Assert.Contains("DataProtection:CertificatePath", error.ToString());
    }
}
