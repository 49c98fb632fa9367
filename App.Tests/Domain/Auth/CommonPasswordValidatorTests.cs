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

    // Lengths are characters (Unicode scalar values), not UTF-16 units: each emoji below is one
    // character and two units, so the emoji rows are refused or accepted only when counted right.
    [Theory]
    [InlineData(12, 0, null)]
    [InlineData(11, 0, "PasswordTooShort")]
    [InlineData(128, 0, null)]
    [InlineData(129, 0, "PasswordTooLong")]
    [InlineData(8, 3, "PasswordTooShort")]  // 11 characters, 14 UTF-16 units
    [InlineData(8, 4, null)]                // 12 characters
    [InlineData(120, 8, null)]              // 128 characters, 136 UTF-16 units
    [InlineData(121, 8, "PasswordTooLong")] // 129 characters
    public void Length_boundaries_count_characters(int letters, int emoji, string? code)
    {
        var password = Letters(letters) + string.Concat(Enumerable.Range(0, emoji).Select(i => char.ConvertFromUtf32(0x1F98A + i)));
        Assert.Equal(letters + emoji * 2, password.Length);
        Assert.Equal(code, CommonPasswordValidator.Check(password)?.Code);
    }

    // Random-looking letters and digits, the same on every run, so only the length rule can refuse them.
    private static string Letters(int count)
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyz23456789";
        var random = new Random(20261124);
        return string.Concat(Enumerable.Range(0, count).Select(_ => alphabet[random.Next(alphabet.Length)]));
    }

    [Fact]
    public void The_own_email_is_refused() =>
        Assert.Equal("PasswordPersonal", CommonPasswordValidator.Check("mabelwhitfield", "mabelwhitfield@example.com")?.Code);
}
