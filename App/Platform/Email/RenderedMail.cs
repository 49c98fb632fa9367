namespace Boltly.Platform.Email;

/// <summary>A mail's subject and its two bodies, ready to send.</summary>
public sealed record RenderedMail(string Subject, string Text, string Html);
