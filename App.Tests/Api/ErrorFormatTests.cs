using System.Net;
using System.Net.Http.Json;
using System.Text;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api;

/// <summary>Under /v1 every error is the contract's JSON, never HTML or a stack trace.</summary>
public sealed class ErrorFormatTests(SharedPortal portal)
{
    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    [Fact]
    public async Task Unknown_route_is_404_json()
    {
        await (await _client.GetAsync("/v1/no/such/thing")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Wrong_method_is_405_json()
    {
        await (await _client.PutAsync("/v1/auth/refresh", null)).AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
        await (await _client.DeleteAsync("/v1/developer-access/whoami")).AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task Invalid_json_is_400_validation_failed_without_parser_internals()
    {
        var response = await _client.PostAsync("/v1/auth/login", new StringContent("{\"email\": ", Encoding.UTF8, "application/json"));
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("System.", body);
        Assert.DoesNotContain("LineNumber", body);
    }

    [Fact]
    public async Task Missing_fields_are_named_in_details()
    {
        var response = await _client.PostAsJsonAsync("/v1/auth/login", new { });
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var details = (await response.JsonAsync())["details"]!.AsObject();
        Assert.True(details.ContainsKey("email"));
        Assert.True(details.ContainsKey("password"));
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_413_whether_announced_or_streamed()
    {
        var big = "{\"email\":\"" + new string('a', 70 * 1024) + "\",\"password\":\"x\"}";
        await (await _client.PostAsync("/v1/auth/login", new StringContent(big, Encoding.UTF8, "application/json")))
            .AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");

        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/login") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        await (await _client.SendAsync(request)).AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task Wrong_content_type_is_json_too()
    {
        var response = await _client.PostAsync("/v1/auth/login", new StringContent("email=a", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await response.AssertErrorAsync(HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task An_unhandled_error_is_500_json_without_details()
    {
        await using var host = await PortalHost.StartAsync(new ThrowingHost());
        var response = await host.CreateHttpClient().GetAsync("/v1/test-only/boom");
        await response.AssertErrorAsync(HttpStatusCode.InternalServerError, "INTERNAL_ERROR");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret-internal-detail", body);
        Assert.DoesNotContain(" at ", body);
    }

    private sealed class ThrowingHost : PortalHost
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.AddControllers().AddApplicationPart(typeof(ThrowingController).Assembly));
        }
    }
}

[ApiController]
[Route("v1/test-only/boom")]
[AllowAnonymous]
public sealed class ThrowingController : ControllerBase
{
    [HttpGet]
    public IActionResult Boom() => throw new InvalidOperationException("secret-internal-detail");
}
