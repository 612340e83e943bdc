using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Community.Testing;

namespace Community.Services.Partners.Tests;

/// <summary>
/// The AsyncAPI Initiative's own parser (<c>@asyncapi/parser</c>) and Ajv, run with the machine's Node.js from
/// <c>asyncapi/check.mjs</c>: implementations that share nothing with the service that writes the document and the events.
/// <c>./test.sh</c> installs them (<c>npm ci</c>).
/// </summary>
public static class AsyncApiCheck
{
    public sealed record EventResult(string Id, string Type, IReadOnlyList<string> Errors);

    public sealed record Result(IReadOnlyList<string> Diagnostics, IReadOnlyList<EventResult> Events);

    public static async Task<Result> RunAsync(JsonNode document, IEnumerable<JsonElement> events)
    {
        var folder = Path.Combine(Repository.Root, "tests", "Services.Partners.Tests", "asyncapi");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            throw new InvalidOperationException($"The AsyncAPI parser is not installed: run 'npm ci' in {folder} (./test.sh does).");
        }

        using var node = Process.Start(new ProcessStartInfo("node", "check.mjs")
        {
            WorkingDirectory = folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var input = new JsonObject { ["document"] = document.DeepClone(), ["events"] = new JsonArray(events.Select(e => JsonNode.Parse(e.GetRawText())).ToArray()) };
        await node.StandardInput.WriteAsync(input.ToJsonString());
        node.StandardInput.Close();
        var output = await node.StandardOutput.ReadToEndAsync();
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"The AsyncAPI check failed to run: {errors}");
        return JsonSerializer.Deserialize<Result>(output, TestJson.Options)!;
    }
}
