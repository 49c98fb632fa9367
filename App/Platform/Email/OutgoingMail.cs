namespace Boltly.Platform.Email;

/// <summary>
/// One mail to one address: which template, and the values it is rendered with (text and HTML). Values are
/// plain text; the HTML rendering encodes them. Never a key, password or token in a value.
/// </summary>
public sealed record OutgoingMail(string To, MailTemplate Template, IReadOnlyDictionary<string, string> Values);
