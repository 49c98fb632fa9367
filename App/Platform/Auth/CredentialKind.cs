namespace Boltly.Platform.Auth;

/// <summary>Which credential a <see cref="Caller"/> presented.</summary>
public enum CredentialKind { Cookie, Jwt, ApiKey }
