using System.ComponentModel.DataAnnotations;

namespace Boltly.Api.Auth;

public sealed record LoginRequest(
    [Required, MaxLength(256)] string? Email,
    [Required, MaxLength(1024)] string? Password);

public sealed record RefreshRequest([Required, MaxLength(512)] string? RefreshToken);
