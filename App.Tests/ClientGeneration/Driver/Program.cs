// Drives the C# client that Kiota generated from the served OpenAPI document, as an integrator would:
// sign in (the access token read from a typed field), create an API key, call with it, page through a
// capped list, get typed errors, and touch every area. Arguments: base URL, email, password.
// Prints one line per step and "DRIVER OK" at the end; exits 1 with the reason at the first failure.
using Boltly.Client;
using Boltly.Client.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

if (args.Length != 3) return Fail("usage: driver BASE_URL EMAIL PASSWORD");
var (baseUrl, email, password) = (args[0], args[1], args[2]);
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

BoltlyClient Client(IAuthenticationProvider auth) => new(new HttpClientRequestAdapter(auth, httpClient: http) { BaseUrl = baseUrl });

try
{
    var anonymous = Client(new AnonymousAuthenticationProvider());
    var signIn = await anonymous.V1.Auth.Login.PostAsync(new LoginRequest { Email = email, Password = password });
    if (signIn?.TokenPair?.AccessToken is not { Length: > 0 } accessToken) return Fail("sign-in gave no typed token pair");
    if (signIn.MfaRequiredResponse is not null) return Fail("sign-in was read as mfa_required too");
    if (signIn.TokenPair.ExpiresIn != 900) return Fail($"expires_in is {signIn.TokenPair.ExpiresIn}, not 900");
    Step($"signed in: token_type {signIn.TokenPair.TokenType}, expires_in {signIn.TokenPair.ExpiresIn}");

    var session = Client(new Header("Authorization", "Bearer " + accessToken));
    var created = await session.V1.DeveloperAccess.ApiKeys.PostAsync(new CreateApiKeyRequest
    {
        Name = "generated client",
        Scopes = ["contacts:read", "contacts:write"],
    });
    if (created?.SecretKey is not { Length: 48 } secret || !secret.StartsWith("sk_live_", StringComparison.Ordinal))
        return Fail("key creation gave no sk_live_ secret_key");
    Step($"created key {created.Prefix}");

    var key = Client(new Header("X-API-Key", secret));
    var me = await key.V1.DeveloperAccess.Whoami.GetAsync();
    if (me?.Credential != "api_key" || me.ApiKey?.Prefix != created.Prefix) return Fail($"whoami says {me?.Credential} {me?.ApiKey?.Prefix}");
    if (me.Scopes is null || !me.Scopes.SequenceEqual(["contacts:read", "contacts:write"])) return Fail("whoami lists other scopes");
    Step($"whoami with the key: {me.Credential}, {string.Join(' ', me.Scopes)}, {me.RateLimit?.Remaining} requests left");

    const int contacts = 12;
    for (var i = 0; i < contacts; i++)
        await key.V1.Contacts.PostAsync(new CreateContactRequest { Phone = $"+1415555{i:D4}", Name = $"Contact {i}", Tags = ["driver"] });
    var pages = new List<int>();
    string? cursor = null;
    do
    {
        var page = await key.V1.Contacts.GetAsync(c => { c.QueryParameters.Limit = 50; c.QueryParameters.Cursor = cursor; });
        if (page?.Data is null) return Fail("a contacts page had no data");
        pages.Add(page.Data.Count);
        cursor = page.HasMore == true ? page.NextCursor : null;
        if (page.HasMore == true && cursor is null) return Fail("has_more without next_cursor");
    } while (cursor is not null && pages.Count < 10);
    if (pages.Sum() != contacts || pages[0] != 10) return Fail($"contacts pages were {string.Join('+', pages)} (an API key's page holds at most 10)");
    Step($"listed {contacts} contacts with limit=50 as pages of {string.Join('+', pages)}");

    await Expect(() => key.V1.DeveloperAccess.ApiKeys.GetAsync(), 403, "SESSION_REQUIRED");
    await Expect(() => key.V1.Contacts[Guid.NewGuid()].GetAsync(), 404, "NOT_FOUND");
    await Expect(() => key.V1.Templates.GetAsync(), 403, "INSUFFICIENT_SCOPE");

    // Every area answers the session through the generated client.
    var areas = new Dictionary<string, Func<Task<object?>>>
    {
        ["two-factor status"] = async () => await session.V1.Auth.TwoFactor.GetAsync(),
        ["scopes"] = async () => await session.V1.DeveloperAccess.Scopes.GetAsync(),
        ["webhooks"] = async () => await session.V1.DeveloperAccess.Webhooks.GetAsync(),
        ["conversations"] = async () => await session.V1.Conversations.GetAsync(),
        ["messages"] = async () => await session.V1.Messages.GetAsync(),
        ["templates"] = async () => await session.V1.Templates.GetAsync(),
        ["broadcasts"] = async () => await session.V1.Broadcasts.GetAsync(),
        ["api keys"] = async () => await session.V1.DeveloperAccess.ApiKeys.GetAsync(),
    };
    foreach (var (area, call) in areas)
        if (await call() is null) return Fail($"{area} gave no body");
    Step($"session read every area: {string.Join(", ", areas.Keys)}");

    await session.V1.DeveloperAccess.ApiKeys[created.Id!.Value.ToString()].DeleteAsync();
    await Expect(() => key.V1.DeveloperAccess.Whoami.GetAsync(), 401, "UNAUTHORIZED");
    Step("revoked the key; it is refused");

    var rotated = await anonymous.V1.Auth.Refresh.PostAsync(new RefreshRequest { RefreshToken = signIn.TokenPair.RefreshToken });
    if (rotated?.AccessToken is not { Length: > 0 } || rotated.RefreshToken == signIn.TokenPair.RefreshToken) return Fail("refresh gave no new pair");
    await anonymous.V1.Auth.Logout.PostAsync(new RefreshRequest { RefreshToken = rotated.RefreshToken });
    Step("refreshed the pair and signed out");

    Console.WriteLine("DRIVER OK");
    return 0;
}
catch (Exception e)
{
    return Fail($"{e.GetType().Name}: {(e is ApiError api ? $"{api.ResponseStatusCode} {api.Error} {api.MessageEscaped}" : e.Message)}");
}

static void Step(string what) => Console.WriteLine("step: " + what);

static int Fail(string why)
{
    Console.WriteLine("DRIVER FAILED: " + why);
    return 1;
}

// A typed ApiError with its status and code, or the step fails.
static async Task Expect(Func<Task> call, int status, string code)
{
    try
    {
        await call();
    }
    catch (ApiError e) when (e.ResponseStatusCode == status && e.Error == code)
    {
        Step($"typed error {status} {code}: {e.MessageEscaped}");
        return;
    }
    catch (ApiError e)
    {
        throw new InvalidOperationException($"expected {status} {code}, got ApiError {e.ResponseStatusCode} {e.Error}");
    }
    throw new InvalidOperationException($"expected {status} {code}, the call succeeded");
}

/// <summary>Sends one credential header on every request.</summary>
internal sealed class Header(string name, string value) : IAuthenticationProvider
{
    public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default)
    {
        request.Headers.Add(name, value);
        return Task.CompletedTask;
    }
}
