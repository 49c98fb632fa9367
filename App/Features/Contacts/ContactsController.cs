using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Idempotency;
using Boltly.Platform.OpenApi;
using Boltly.Platform.Pagination;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.Contacts;

[ApiController]
[Route("v1/contacts")]
[Produces("application/json")]
[Idempotent]
[Tags(ApiTags.Contacts)]
public sealed class ContactsController(ContactService contacts) : ControllerBase
{
    private const string Missing = "No such contact.";

    [EndpointName("listContacts")]
    [EndpointSummary("List contacts")]
    [EndpointDescription("List contacts, newest first; filter by tag, search name or phone.")]
    [HttpGet]
    [RequireScope(ScopeCatalog.ContactsRead)]
    public async Task<Page<ContactResponse>> List([FromQuery] int? limit, [FromQuery] string? cursor, [FromQuery] string? tag, [FromQuery] string? q, CancellationToken ct)
    {
        var page = await contacts.ListAsync(Caller.From(User)!, new ContactFilter(tag, q), new PageRequest(limit, cursor), ct);
        return page.Map(ContactResponse.From);
    }

    [EndpointName("getContact")]
    [EndpointSummary("Get a contact")]
    [HttpGet("{id:guid}")]
    [RequireScope(ScopeCatalog.ContactsRead)]
    [ProducesResponseType<ContactResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(Guid id, CancellationToken ct) =>
        await contacts.GetAsync(Caller.From(User)!, id, ct) is { } c ? Ok(ContactResponse.From(c)) : ApiResults.NotFound(Missing);

    [EndpointName("createContact")]
    [EndpointSummary("Create a contact")]
    [EndpointDescription("Create a contact. A phone number already in the account is 409 CONTACT_EXISTS.")]
    [HttpPost]
    [RequireScope(ScopeCatalog.ContactsWrite)]
    [ProducesResponseType<ContactResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Create(CreateContactRequest request, CancellationToken ct)
    {
        var c = await contacts.CreateAsync(Caller.From(User)!, new NewContact(request.Phone, request.Name, request.Email, request.Tags, request.Attributes), ct);
        return Created($"/v1/contacts/{c.Id}", ContactResponse.From(c));
    }

    [EndpointName("updateContact")]
    [EndpointSummary("Update a contact")]
    [EndpointDescription("Update some fields of a contact. A phone number already in the account is 409 CONTACT_EXISTS.")]
    [HttpPatch("{id:guid}")]
    [RequireScope(ScopeCatalog.ContactsWrite)]
    [ProducesResponseType<ContactResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Update(Guid id, UpdateContactRequest request, CancellationToken ct) =>
        await contacts.UpdateAsync(Caller.From(User)!, id, new ContactChanges(request.Phone, request.Name, request.Email, request.Attributes), ct) is { } c
            ? Ok(ContactResponse.From(c)) : ApiResults.NotFound(Missing);

    [EndpointName("deleteContact")]
    [EndpointSummary("Delete a contact")]
    [EndpointDescription("Delete a contact with its conversation and messages.")]
    [HttpDelete("{id:guid}")]
    [RequireScope(ScopeCatalog.ContactsManage)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> Delete(Guid id, CancellationToken ct) =>
        await contacts.DeleteAsync(Caller.From(User)!, id, ct) ? NoContent() : ApiResults.NotFound(Missing);

    [EndpointName("addContactTag")]
    [EndpointSummary("Add a tag to a contact")]
    [EndpointDescription("Add one tag (lowercased); adding a tag the contact has is a no-op.")]
    [HttpPost("{id:guid}/tags")]
    [RequireScope(ScopeCatalog.ContactsManage)]
    [ProducesResponseType<ContactResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> AddTag(Guid id, AddTagRequest request, CancellationToken ct) =>
        await contacts.AddTagAsync(Caller.From(User)!, id, request.Tag, ct) is { } c ? Ok(ContactResponse.From(c)) : ApiResults.NotFound(Missing);

    [EndpointName("removeContactTag")]
    [EndpointSummary("Remove a tag from a contact")]
    [EndpointDescription("Remove one tag; removing a tag the contact does not have is a no-op.")]
    [HttpDelete("{id:guid}/tags/{tag}")]
    [RequireScope(ScopeCatalog.ContactsManage)]
    [ProducesResponseType<ContactResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> RemoveTag(Guid id, string tag, CancellationToken ct) =>
        await contacts.RemoveTagAsync(Caller.From(User)!, id, tag, ct) is { } c ? Ok(ContactResponse.From(c)) : ApiResults.NotFound(Missing);
}
