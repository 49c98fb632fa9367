using Boltly.Platform.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.Passwords;

/// <summary>
/// NIST SP 800-63B password rules for every path that sets a password (sign-up, change, seeding):
/// 12 to 128 characters, any characters, no composition rules, and no password that is easy to guess.
/// "Easy to guess" is decided by zxcvbn with its bundled lists (common passwords, English words,
/// names, film and TV words): refused when one list entry is the whole password, or when zxcvbn's
/// score is below 2 (its estimate is under 10^6 guesses: common words plus digits, repeats,
/// sequences, keyboard walks, dates).
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public const int MinLength = 12;
    public const int MaxLength = 128;
    public const int MinScore = 2;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(Check(password, user.Email, user.UserName) is { } error
            ? IdentityResult.Failed(new IdentityError { Code = error.Code, Description = error.Message })
            : IdentityResult.Success);

    /// <summary>The first reason <paramref name="password"/> is refused, or null when it is acceptable.</summary>
    public static PasswordRuleViolation? Check(string? password, params string?[] personalInputs)
    {
        password ??= "";
        if (LengthViolation(password) is { } length) return length;

        var inputs = personalInputs.Where(i => !string.IsNullOrWhiteSpace(i))
            .SelectMany(i => i!.Split('@', '.', '+', '-', '_').Append(i!))
            .Where(i => i.Length >= 3).Select(i => i.ToLowerInvariant()).Distinct().ToList();
        var result = Zxcvbn.Zxcvbn.MatchPassword(password, inputs);

        var whole = result.MatchSequence.Count == 1 && result.MatchSequence[0] is Zxcvbn.Matcher.DictionaryMatch only
            && only.i == 0 && only.j == password.Length - 1 ? only : null;
        if (whole is not null)
            return whole.DictionaryName switch
            {
                "passwords" => new("PasswordCommon", "This is one of the most common passwords. Choose another."),
                "user_inputs" => new("PasswordPersonal", "Don't use your email address or name as your password."),
                _ => new("PasswordCommon", "This is a common word or name on its own. Add more words."),
            };
        if (result.Score < MinScore)
            return new("PasswordGuessable",
                "This password is easy to guess: it is made of common passwords, words, names, dates, repeats or keyboard patterns. Try a few unrelated words.");
        return null;
    }

    /// <summary>The length rule alone, for forms that want a quick message before the full check.</summary>
    public static PasswordRuleViolation? LengthViolation(string password)
    {
        // Characters as people count them: an emoji is one character, though two UTF-16 units.
        var characters = password.EnumerateRunes().Count();
        if (characters < MinLength)
            return new("PasswordTooShort", $"Use at least {MinLength} characters.");
        if (characters > MaxLength)
            return new("PasswordTooLong", $"Use at most {MaxLength} characters.");
        return null;
    }
}
