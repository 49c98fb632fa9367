using Boltly.Domain.Auth;

namespace Boltly.Tests.Domain.Auth;

public sealed class CommonPasswordValidatorTests
{
    [Theory]
    [InlineData("Correct-Horse-Battery-9")]
    [InlineData("lj3k4h5gkj3h")]
    [InlineData("tulip wrench galaxy murmur")]
    [InlineData("пароль-лучше-длинный-9")] // any characters
    public void Good_passwords_pass(string password) => Assert.Null(CommonPasswordValidator.Check(password));

    [Theory]
    [InlineData("short-pw-1", "PasswordTooShort")]
    [InlineData("1qaz2wsx3edc", "PasswordCommon")] // a listed common password, whole
    [InlineData("administrator", "PasswordCommon")] // a dictionary word on its own
    [InlineData("password1234", "PasswordGuessable")]
    [InlineData("aaaaaaaaaaaa", "PasswordGuessable")]
    [InlineData("abcdefghijkl", "PasswordGuessable")]
    [InlineData("Summer2024!!", "PasswordGuessable")]
    public void Weak_passwords_are_refused_with_a_reason(string password, string code)
    {
        var violation = CommonPasswordValidator.Check(password);
        Assert.NotNull(violation);
        Assert.Equal(code, violation.Code);
        Assert.False(string.IsNullOrWhiteSpace(violation.Message));
    }

    [Fact]
    public void Over_128_characters_is_refused() =>
        Assert.Equal("PasswordTooLong", CommonPasswordValidator.Check(new string('x', 60) + Guid.NewGuid().ToString("N") + new string('y', 40))?.Code);

    [Fact]
    public void The_own_email_is_refused() =>
        Assert.Equal("PasswordPersonal", CommonPasswordValidator.Check("mabelwhitfield", "mabelwhitfield@example.com")?.Code);
}
