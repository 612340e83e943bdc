using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;

namespace Community.Web.Gateway;

/// <summary>What a call to the platform came back with: the value, or the problem the service described (in its own words, with field errors).</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null;
}

/// <param name="Status">The HTTP status (0: the gateway did not answer at all).</param>
/// <param name="Type">The problem's stable <c>type</c> URI, to pick the words shown.</param>
/// <param name="Errors">Field errors for bad input, by field name.</param>
/// <param name="RetryAfter">When the platform said to try again (429, 503).</param>
public sealed record ApiProblem(int Status, string? Type, string? Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors, TimeSpan? RetryAfter);

/// <summary>
/// The platform as the web app sees it: every service through the gateway, with the signed-in person's own
/// access token (kept on the server). Never a service directly.
/// </summary>
public sealed class GatewayClient(HttpClient http, IHttpContextAccessor context)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ReadJson<T>, cancellationToken);

    /// <summary>A read with a token just received (the sign-in itself, before the cookie that keeps it exists).</summary>
    public Task<ApiResult<T>> GetAsync<T>(string path, string accessToken, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ReadJson<T>, cancellationToken, accessToken);

    public Task<ApiResult<T>> PutAsync<T>(string path, object body, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) }, ReadJson<T>, cancellationToken);

    /// <summary>A page a service renders itself (the volunteer certificate), as text.</summary>
    public Task<ApiResult<string>> GetTextAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync<string>(new HttpRequestMessage(HttpMethod.Get, path), (content, token) => content.ReadAsStringAsync(token)!, cancellationToken);

    public Task<ApiResult<T>> PostAsync<T>(string path, object body, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, ReadJson<T>, cancellationToken);

    /// <summary>A post whose answer has no body (204): only whether it worked, or the problem.</summary>
    public Task<ApiResult<bool>> PostAsync(string path, object body, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, (_, _) => Task.FromResult(true), cancellationToken);

    /// <summary>A delete (204): only whether it worked, or the problem.</summary>
    public Task<ApiResult<bool>> DeleteAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), (_, _) => Task.FromResult(true), cancellationToken);

    private static Task<T?> ReadJson<T>(HttpContent content, CancellationToken cancellationToken) => content.ReadFromJsonAsync<T>(Json, cancellationToken);

    private async Task<ApiResult<T>> SendAsync<T>(
        HttpRequestMessage request, Func<HttpContent, CancellationToken, Task<T?>> read, CancellationToken cancellationToken, string? accessToken = null)
    {
        using (request)
        {
            if (accessToken is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            }
            else if (context.HttpContext is { } current && await current.GetTokenAsync("access_token") is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                return response.IsSuccessStatusCode
                    ? new(await read(response.Content, cancellationToken), null)
                    : new(default, await ProblemOf(response, cancellationToken));
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or Polly.ExecutionRejectedException
                || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The gateway did not answer at all, too late (the resilience handler's time-out or open circuit), or
                // with a body that is not what it should be: status 0, shown as "the platform is unavailable".
                return new(default, new ApiProblem(0, null, null, null, new Dictionary<string, string[]>(), null));
            }
        }
    }

    private static async Task<ApiProblem> ProblemOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var retry = response.Headers.RetryAfter?.Delta;
        try
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken);
            var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in fields.EnumerateObject())
                {
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().Select(e => e.ToString()).ToArray() : [field.Value.ToString()];
                }
            }

            string? Text(string name) => body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            return new ApiProblem((int)response.StatusCode, Text("type"), Text("title"), Text("detail"), errors, retry);
        }
        catch (JsonException)
        {
            return new ApiProblem((int)response.StatusCode, null, null, null, new Dictionary<string, string[]>(), retry);
        }
    }
}
