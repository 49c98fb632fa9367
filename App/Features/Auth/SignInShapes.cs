namespace Boltly.Features.Auth;

/// <summary>The two answers of POST /v1/auth/login, told apart by <c>type</c>: generated clients pick the
/// type from it (a discriminator needs a string property that both shapes carry).</summary>
public static class SignInShapes
{
    public const string Property = "type";
    public const string TokenPair = "token_pair";
    public const string MfaRequired = "mfa_required";
}
