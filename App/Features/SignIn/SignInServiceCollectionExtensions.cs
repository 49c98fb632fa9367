namespace Boltly.Features.SignIn;

public static class SignInServiceCollectionExtensions
{
    /// <summary>The sign-in flows (docs/auth.md): the dashboard's sign-in pages, the apps' token API, and the second step
    /// of a two-factor sign-in with its <c>mfa_token</c>. Each method's check comes from its own feature.</summary>
    public static WebApplicationBuilder AddBoltlySignIn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<MfaChallengeService>();
        services.AddScoped<MfaChallengeClaims>();
        services.AddScoped<TwoFactorSignInService>();
        return builder;
    }
}
