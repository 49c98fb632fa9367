using System.Net;
using System.Text;
using Boltly.Tests.Api.PublicApi;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Hardening;

/// <summary>Text PostgreSQL cannot store, invisible characters in names, rendered text past its column and
/// fields an endpoint does not know: each a 400 VALIDATION_FAILED naming the field, never a 500.</summary>
public sealed class HostileTextTests(SharedPortal portal)
{
    private const string Nul = "\\u0000";

    [Fact]
    public async Task U0000_anywhere_in_stored_text_is_a_400_naming_the_field()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var contact = await api.CreateContactAsync(PublicApiClient.Phone(), "vip");
        var conversation = await api.StartConversationAsync(contact);

        await AssertRefusedAsync(api, HttpMethod.Post, $"/v1/conversations/{conversation}/messages", $$$"""{"body": "hi{{{Nul}}}there"}""", "body");
        await AssertRefusedAsync(api, HttpMethod.Post, "/v1/contacts", $$$"""{"phone": "{{{PublicApiClient.Phone()}}}", "name": "Ada{{{Nul}}}"}""", "name");
        await AssertRefusedAsync(api, HttpMethod.Post, "/v1/contacts",
            $$$"""{"phone": "{{{PublicApiClient.Phone()}}}", "attributes": {"plan": "gold{{{Nul}}}"}}""", "attributes.plan");
        await AssertRefusedAsync(api, HttpMethod.Post, "/v1/contacts",
            $$$"""{"phone": "{{{PublicApiClient.Phone()}}}", "attributes": {"pl{{{Nul}}}an": "gold"}}""", "attributes");
        await AssertRefusedAsync(api, HttpMethod.Patch, $"/v1/contacts/{contact}", $$$"""{"attributes": {"plan": "{{{Nul}}}"}}""", "attributes.plan");
        await AssertRefusedAsync(api, HttpMethod.Post, "/v1/contacts", $$$"""{"phone": "{{{PublicApiClient.Phone()}}}", "tags": ["ok", "v{{{Nul}}}ip"]}""", "tags[1]");
        await AssertRefusedAsync(api, HttpMethod.Post, "/v1/templates",
            $$$"""{"name": "promo", "language": "en", "category": "utility", "body": "Hello {{{Nul}}}{{1}}"}""", "body");
        await AssertRefusedAsync(api, HttpMethod.Post, "/v1/developer-access/api-keys", $$$"""{"name": "ci{{{Nul}}}", "scopes": ["contacts:read"]}""", "name");
        await AssertRefusedAsync(api, HttpMethod.Post, "/v1/auth/login", $$$"""{"email": "a{{{Nul}}}@example.com", "password": "x"}""", "email");
        // Query strings reach PostgreSQL as parameters too.
        var search = await api.SendAsync(HttpMethod.Get, "/v1/contacts?q=Ada%00");
        await search.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True((await search.JsonAsync())["details"]!.AsObject().ContainsKey("q"), await search.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task U0000_in_a_dashboard_form_is_a_400_not_a_500()
    {
        var client = portal.Host.CreateHttpClient();
        var form = await DashboardSignIn.OpenFormAsync(client);
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = form.Token,
                ["Input.Email"] = "someone\0@example.com",
                ["Input.Password"] = "Correct-Horse-Battery-9",
            }),
        };
        post.Headers.Add("Cookie", form.Cookies);
        var refused = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("U+0000", await refused.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("evil\u202Etxt.exe")]   // right-to-left override
    [InlineData("pay\u2066ment\u2069")] // isolates
    [InlineData("ad\u200Bmin")]         // zero-width space
    [InlineData("ad\u200Dmin")]         // zero-width joiner
    [InlineData("\uFEFFadmin")]         // byte order mark
    [InlineData("line\u2028break")]     // line separator
    public async Task Bidi_overrides_and_zero_width_characters_are_refused_in_names(string name)
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var key = await api.SendAsync(HttpMethod.Post, "/v1/developer-access/api-keys", new { name, scopes = new[] { "contacts:read" } });
        await AssertFieldAsync(key, "name");
        var contact = await api.SendAsync(HttpMethod.Post, "/v1/contacts", new { phone = PublicApiClient.Phone(), name });
        await AssertFieldAsync(contact, "name");
        var template = await api.SendAsync(HttpMethod.Post, "/v1/templates", new { name, language = "en", category = "utility", body = "Hi" });
        await AssertFieldAsync(template, "name");
        var templateId = await api.CreateTemplateAsync("promo", submit: true);
        var broadcast = await api.SendAsync(HttpMethod.Post, "/v1/broadcasts",
            new { name, template_id = templateId, audience_tags = new[] { "vip" }, variables = new[] { "Ada", "42" } });
        await AssertFieldAsync(broadcast, "name");
        // The same name without the character is fine.
        var plain = new string(name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) is not
            (System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator)).ToArray());
        Assert.Equal(HttpStatusCode.Created,
            (await api.SendAsync(HttpMethod.Post, "/v1/developer-access/api-keys", new { name = plain, scopes = new[] { "contacts:read" } })).StatusCode);
    }

    [Fact]
    public async Task A_broadcast_whose_rendered_text_passes_the_message_column_is_refused_at_create_and_nothing_is_sent()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        await api.CreateContactAsync(PublicApiClient.Phone(), "vip");
        var template = await api.CreateTemplateAsync("wide", submit: true, body: "{{1}} {{2}} {{3}} {{4}} {{5}}");
        var wide = new string('x', 1000);
        var refused = await api.SendAsync(HttpMethod.Post, "/v1/broadcasts",
            new { name = "Too long", template_id = template, audience_tags = new[] { "vip" }, variables = new[] { wide, wide, wide, wide, wide } });
        await AssertFieldAsync(refused, "variables");
        Assert.Contains("4096", await refused.Content.ReadAsStringAsync());
        Assert.Empty((await api.OkJsonAsync(HttpMethod.Get, "/v1/broadcasts"))["data"]!.AsArray());

        var fits = await api.OkJsonAsync(HttpMethod.Post, "/v1/broadcasts",
            new { name = "Fits", template_id = template, audience_tags = new[] { "vip" }, variables = new[] { wide, wide, wide, wide, "y" } },
            expected: HttpStatusCode.Created);
        Assert.Equal(1, (int?)(await api.OkJsonAsync(HttpMethod.Post, $"/v1/broadcasts/{fits["id"]}/send"))["recipients"]);
    }

    [Fact]
    public async Task A_field_the_endpoint_does_not_know_is_a_400_naming_it()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var key = await api.SendAsync(HttpMethod.Post, "/v1/developer-access/api-keys",
            new { name = "restricted", scopes = new[] { "contacts:read" }, allowed_origins = new[] { "https://example.com" } });
        await AssertFieldAsync(key, "allowed_origins");
        Assert.Contains("allowed_origins", (string)(await key.JsonAsync())["details"]!["allowed_origins"]![0]!);
        Assert.Empty((await api.OkJsonAsync(HttpMethod.Get, "/v1/developer-access/api-keys"))["data"]!.AsArray());

        // A C#-cased or camelCased name is not the field either: the contract's names are snake_case.
        await AssertRefusedAsync(api, HttpMethod.Post, "/v1/contacts", $$"""{"phone": "{{PublicApiClient.Phone()}}", "Nmae": "typo"}""", "Nmae");
        var template = await api.CreateTemplateAsync("promo", submit: true);
        await AssertFieldAsync(await api.SendAsync(HttpMethod.Post, "/v1/broadcasts",
            new { name = "x", templateId = template, audience_tags = new[] { "vip" } }), "templateId");
        await AssertFieldAsync(await api.Http.PostAsync("/v1/auth/login", Json("""{"email": "a@example.com", "password": "x", "remember": true}""")), "remember");
    }

    private static async Task AssertRefusedAsync(PublicApiClient api, HttpMethod method, string path, string json, string field)
    {
        var request = new HttpRequestMessage(method, path) { Content = Json(json) }.WithBearer(api.Jwt);
        await AssertFieldAsync(await api.Http.SendAsync(request), field);
    }

    private static async Task AssertFieldAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True((await response.JsonAsync())["details"]?.AsObject().ContainsKey(field) == true, $"{field} not named: {text}");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
