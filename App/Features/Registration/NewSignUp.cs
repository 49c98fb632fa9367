namespace Boltly.Features.Registration;

/// <summary>What a person signs up with: the account's name, their email and a password.</summary>
public sealed record NewSignUp(string? AccountName, string? Email, string? Password)
{
    // The password never prints (records print their members; MVC logs arguments at Trace).
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("AccountName = ").Append(AccountName).Append(", Email = ").Append(Email);
        return true;
    }
}
