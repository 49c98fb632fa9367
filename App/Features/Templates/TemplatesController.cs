using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Idempotency;
using Boltly.Platform.OpenApi;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.Templates;

[ApiController]
[Route("v1/templates")]
[Produces("application/json")]
[Idempotent]
[Tags(ApiTags.Templates)]
public sealed class TemplatesController(TemplateService templates) : ControllerBase
{
    private const string Missing = "No such template.";

    [EndpointName("listTemplates")]
    [EndpointSummary("List templates")]
    [HttpGet]
    [RequireScope(ScopeCatalog.TemplatesRead)]
    public async Task<Page<TemplateResponse>> List([FromQuery] int? limit, [FromQuery] string? cursor, [FromQuery] string? status, CancellationToken ct)
    {
        var page = await templates.ListAsync(Caller.From(User)!, status, new PageRequest(limit, cursor), ct);
        return page.Map(TemplateResponse.From);
    }

    [EndpointName("getTemplate")]
    [EndpointSummary("Get a template")]
    [HttpGet("{id:guid}")]
    [RequireScope(ScopeCatalog.TemplatesRead)]
    [ProducesResponseType<TemplateResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(Guid id, CancellationToken ct) =>
        await templates.GetAsync(Caller.From(User)!, id, ct) is { } t ? Ok(TemplateResponse.From(t)) : ApiResults.NotFound(Missing);

    [EndpointName("createTemplate")]
    [EndpointSummary("Create a draft template")]
    [EndpointDescription("Create a draft template. The same name and language twice is 409 TEMPLATE_EXISTS.")]
    [HttpPost]
    [RequireScope(ScopeCatalog.TemplatesCreate)]
    [ProducesResponseType<TemplateResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(CreateTemplateRequest request, CancellationToken ct)
    {
        var t = await templates.CreateAsync(Caller.From(User)!, new NewTemplate(request.Name, request.Language, request.Category, request.Body), ct);
        return Created($"/v1/templates/{t.Id}", TemplateResponse.From(t));
    }

    [EndpointName("submitTemplate")]
    [EndpointSummary("Submit a template for review")]
    [EndpointDescription("Submit a draft for review: draft → pending. Any other status is 409 INVALID_STATE.")]
    [HttpPost("{id:guid}/submit")]
    [RequireScope(ScopeCatalog.TemplatesCreate)]
    [ProducesResponseType<TemplateResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Submit(Guid id, CancellationToken ct) =>
        await templates.SubmitAsync(Caller.From(User)!, id, ct) is { } t ? Ok(TemplateResponse.From(t)) : ApiResults.NotFound(Missing);

    [EndpointName("deleteTemplate")]
    [EndpointSummary("Delete a template")]
    [EndpointDescription("Delete a template. A template used by a broadcast is 409 INVALID_STATE.")]
    [HttpDelete("{id:guid}")]
    [RequireScope(ScopeCatalog.TemplatesManage)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Delete(Guid id, CancellationToken ct) =>
        await templates.DeleteAsync(Caller.From(User)!, id, ct) ? NoContent() : ApiResults.NotFound(Missing);
}
