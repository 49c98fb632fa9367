using System.Globalization;

namespace Boltly.Platform.Text;

/// <summary>
/// What text the portal stores (docs/security-http.md). Every stored string: no U+0000, which PostgreSQL
/// cannot store in text or jsonb. Every name a person reads to decide something (a key's name, a contact's,
/// a broadcast's): also no control characters, no bidirectional overrides or isolates (U+202A–U+202E,
/// U+2066–U+2069, which make "evil‮txt.exe" read as "evilexe.txt") and no zero-width or other invisible
/// format characters (U+200B–U+200F, U+2060, U+FEFF…), so two names that look alike are alike.
/// </summary>
public static class TextRules
{
    public const string NulMessage = "The text contains U+0000 (NUL), which cannot be stored.";

    public const string InvisibleCharacterMessage =
        "The name cannot contain control characters, bidirectional overrides or invisible (zero-width) characters.";

    /// <summary>True when PostgreSQL can store <paramref name="text"/> (no U+0000).</summary>
    public static bool IsStorable(string? text) => text is null || !text.Contains('\0');

    /// <summary>Why <paramref name="name"/> is not acceptable as a name, or null when it is. Length and shape
    /// are each feature's own rule; this is the part every name shares.</summary>
    public static string? NameProblem(string? name)
    {
        if (name is null) return null;
        if (!IsStorable(name)) return NulMessage;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1])) { i++; continue; }
            if (IsHidden(CharUnicodeInfo.GetUnicodeCategory(c))) return InvisibleCharacterMessage;
        }
        return null;
    }

    // Cc (controls), Cf (format: bidi controls, zero-width, BOM, soft hyphen), Zl/Zp (line and paragraph
    // separators), Cs (a surrogate without its pair: not a character at all).
    private static bool IsHidden(UnicodeCategory category) => category is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;
}
