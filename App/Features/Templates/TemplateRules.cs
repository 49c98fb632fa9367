using System.Text.RegularExpressions;
using Boltly.Platform.Errors;
namespace Boltly.Features.Templates;

/// <summary>Template fields and the placeholder rule: <c>{{1}}</c>, <c>{{2}}</c>… numbered from 1 without gaps.</summary>
public static partial class TemplateRules
{
    public const int NameLength = 64;
    public const int BodyLength = 1024;
    public static readonly IReadOnlyList<string> Categories = ["marketing", "utility", "authentication"];

    [GeneratedRegex(@"^[a-z0-9_]{1,64}$")]
    private static partial Regex NameShape();

    // BCP 47-ish: "en", "en_US", "pt-BR".
    [GeneratedRegex(@"^[a-z]{2,3}([_-][A-Za-z]{2,4})?$")]
    private static partial Regex LanguageShape();

    [GeneratedRegex(@"\{\{\s*([^}]*?)\s*\}\}")]
    private static partial Regex Placeholder();

    public static (string Name, string Language, string Category, string Body, int Placeholders) Validate(NewTemplate t)
    {
        var errors = new ValidationErrors();
        var name = t.Name?.Trim() ?? "";
        if (!NameShape().IsMatch(name)) errors.Add("name", "The name is 1 to 64 lowercase letters, digits or underscores.");
        var language = t.Language?.Trim() ?? "";
        if (!LanguageShape().IsMatch(language)) errors.Add("language", "The language is a code like en, en_US or pt-BR.");
        var category = t.Category?.Trim().ToLowerInvariant() ?? "";
        if (!Categories.Contains(category)) errors.Add("category", $"The category is one of: {string.Join(", ", Categories)}.");
        var body = t.Body ?? "";
        var count = 0;
        if (string.IsNullOrWhiteSpace(body)) errors.Add("body", "The body is required.");
        else if (body.Length > BodyLength) errors.Add("body", $"The body can be at most {BodyLength} characters.");
        else count = Placeholders(body, errors);
        errors.ThrowIfAny();
        return (name, language, category, body, count);
    }

    /// <summary>The number of distinct placeholders; every one is a positive number and together they are 1..n.</summary>
    public static int Placeholders(string body, ValidationErrors errors)
    {
        var numbers = new SortedSet<int>();
        foreach (Match m in Placeholder().Matches(body))
        {
            if (!int.TryParse(m.Groups[1].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1 || n > 100)
            {
                errors.Add("body", $"\"{m.Value}\" is not a placeholder: use {{{{1}}}}, {{{{2}}}}… numbered from 1.");
                return 0;
            }
            numbers.Add(n);
        }
        if (numbers.Count > 0 && numbers.Max != numbers.Count)
        {
            var missing = Enumerable.Range(1, numbers.Max).First(i => !numbers.Contains(i));
            errors.Add("body", $"Placeholders are numbered from 1 without gaps: {{{{{missing}}}}} is missing.");
            return 0;
        }
        return numbers.Count;
    }

    /// <summary>The body with <c>{{n}}</c> replaced by <paramref name="variables"/>[n-1].</summary>
    public static string Render(string body, IReadOnlyList<string> variables) =>
        Placeholder().Replace(body, m => int.TryParse(m.Groups[1].Value, out var n) && n >= 1 && n <= variables.Count ? variables[n - 1] : m.Value);
}
