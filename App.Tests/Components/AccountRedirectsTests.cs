namespace Boltly.Tests.Components;

/// <summary>After sign-in only local paths are followed: a phishing link cannot borrow the sign-in page.</summary>
public sealed class AccountRedirectsTests
{
    [Theory]
    [InlineData("/settings/api-keys", "/settings/api-keys")]
    [InlineData("/settings/activity?x=1", "/settings/activity?x=1")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("settings", "/")]
    [InlineData("/account/logout", "/")]
    public void Only_local_paths_are_followed(string? returnUrl, string expected) =>
        Assert.Equal(expected, AccountRedirects.SafeLocal(returnUrl));
}
