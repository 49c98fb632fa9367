namespace Boltly.Platform.Api;

/// <summary>
/// Which side of the pipeline a request is on: the API (<c>/v1</c>) or the dashboard (everything else). Hosting splits
/// the pipeline once, on <see cref="Matches"/> (<c>Hosting/RequestPipeline.cs</c>), and the API's branch marks each
/// request first (<see cref="Mark"/>). The hooks the framework runs for the whole app, whichever branch calls them
/// (which credential counts, how an authorization refusal or a cookie challenge is answered), ask
/// <see cref="IsMarked"/>: they follow the branch the request took instead of reading the path again.
/// </summary>
public static class ApiRequest
{
    /// <summary>Every API route starts with it (docs/public-api.md).</summary>
    public const string PathPrefix = "/v1";

    private const string MarkItem = "boltly:api-request";

    /// <summary>The pipeline's one test: does this request go down the API's branch.</summary>
    public static bool Matches(HttpContext context) => context.Request.Path.StartsWithSegments(PathPrefix);

    /// <summary>Run first on the API's branch.</summary>
    public static void Mark(HttpContext context) => context.Items[MarkItem] = true;

    /// <summary>True for a request the API's branch serves.</summary>
    public static bool IsMarked(HttpContext context) => context.Items.ContainsKey(MarkItem);
}
