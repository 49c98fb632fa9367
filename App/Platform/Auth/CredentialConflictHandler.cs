using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Boltly.Platform.Auth;

/// <summary>Refuses a /v1 request that carries two credentials, saying which two; neither is checked.</summary>
public sealed class CredentialConflictHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var message = CredentialSelector.Conflict(Context) ?? "Send one credential per request.";
        Context.Items[ApiErrorItems.AuthFailureMessage] = message;
        return Task.FromResult(AuthenticateResult.Fail(message));
    }
}
