namespace Boltly.Features.Members;

public static class MembersServiceCollectionExtensions
{
    /// <summary>The account's members and invitations (docs/members.md).</summary>
    public static WebApplicationBuilder AddBoltlyMembers(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<MemberOptions>().BindConfiguration(MemberOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<MemberService>();
        builder.Services.AddScoped<InvitationService>();
        return builder;
    }
}
