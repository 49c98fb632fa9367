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
}
