namespace Boltly.Platform.Data;

/// <summary>An account-owned row was written without an account scope, or under another account's scope: a bug, never a user error.</summary>
public sealed class AccountScopeException(string message) : InvalidOperationException(message);
