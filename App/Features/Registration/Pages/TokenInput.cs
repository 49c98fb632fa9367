namespace Boltly.Features.Registration.Pages;

/// <summary>A form that carries the token of a confirmation or reset link from the page's address to its POST.</summary>
public sealed class TokenInput
{
    public string? Token { get; set; }
}
