using System.Collections.Frozen;
using System.Net;
using System.Text.RegularExpressions;
using Boltly.Platform.Api;
using Microsoft.Extensions.Options;

namespace Boltly.Platform.Email;

/// <summary>
/// Renders a <see cref="MailTemplate"/> from its two files in <c>App/Platform/Email/Templates</c> (embedded
/// in the assembly): <c>&lt;Template&gt;.txt</c>, whose first line is <c>Subject: …</c>, and
/// <c>&lt;Template&gt;.html</c>, the body placed in <c>_Layout.html</c>. <c>{{name}}</c> is replaced by the
/// value of that name, HTML-encoded in the HTML; <c>{{portal_url}}</c> is <c>Portal:PublicUrl</c>
/// (docs/email.md).
/// </summary>
public sealed partial class MailTemplates(IOptions<PortalOptions> portal, ILogger<MailTemplates> logger)
{
    public const string PortalUrl = "portal_url";
    private const string SubjectPrefix = "Subject:";
    private const string ResourcePrefix = "mail/";
    private static readonly FrozenDictionary<string, string> Files = LoadFiles();

    public RenderedMail Render(MailTemplate template, IReadOnlyDictionary<string, string> values)
    {
        var text = File(template, "txt");
        var newline = text.IndexOf('\n');
        var firstLine = (newline < 0 ? text : text[..newline]).TrimEnd('\r');
        if (!firstLine.StartsWith(SubjectPrefix, StringComparison.Ordinal))
            throw new InvalidOperationException($"Templates/{template}.txt must start with a '{SubjectPrefix}' line.");
        var all = new Dictionary<string, string>(values, StringComparer.Ordinal)
        {
            [PortalUrl] = portal.Value.PublicUrl.TrimEnd('/'),
        };
        // A subject is one line: a value cannot start a header of its own.
        var subject = Fill(template, firstLine[SubjectPrefix.Length..].Trim(), all, v => v.ReplaceLineEndings(" "));
        var body = Fill(template, newline < 0 ? "" : text[(newline + 1)..].TrimStart('\r', '\n'), all, v => v);
        var content = Fill(template, File(template, "html"), all, WebUtility.HtmlEncode);
        var layout = Files["_Layout.html"]
            .Replace("{{subject}}", WebUtility.HtmlEncode(subject), StringComparison.Ordinal)
            .Replace("{{" + PortalUrl + "}}", WebUtility.HtmlEncode(all[PortalUrl]), StringComparison.Ordinal);
        // The layout's content slot is filled last, so a value can never name a slot of the layout.
        var html = layout.Replace("{{content}}", content, StringComparison.Ordinal);
        return new RenderedMail(subject, body, html);
    }

    /// <summary>The names a template's two files use (besides <c>portal_url</c>).</summary>
    public static IReadOnlySet<string> PlaceholdersOf(MailTemplate template) =>
        Placeholder().Matches(File(template, "txt") + File(template, "html")).Select(m => m.Groups[1].Value)
            .Where(n => n != PortalUrl).ToHashSet(StringComparer.Ordinal);

    private string Fill(MailTemplate template, string source, Dictionary<string, string> values, Func<string, string> encode) =>
        Placeholder().Replace(source, m =>
        {
            if (values.TryGetValue(m.Groups[1].Value, out var value)) return encode(value);
            // A missing value is the caller's bug; the mail still goes (a blank beats failing the user's action).
            LogMissingValue(logger, template, m.Groups[1].Value);
            return "";
        });

    private static string File(MailTemplate template, string extension) =>
        Files.TryGetValue($"{template}.{extension}", out var content) ? content
        : throw new InvalidOperationException($"The mail template {template} has no Templates/{template}.{extension}.");

    private static FrozenDictionary<string, string> LoadFiles()
    {
        var assembly = typeof(MailTemplates).Assembly;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files[name[ResourcePrefix.Length..]] = reader.ReadToEnd().ReplaceLineEndings("\n");
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{\{([a-z_]+)\}\}")]
    private static partial Regex Placeholder();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail template {Template} rendered without a value for {Name}")]
    private static partial void LogMissingValue(ILogger logger, MailTemplate template, string name);
}
