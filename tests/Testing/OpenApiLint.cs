using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace Community.Testing;

/// <summary>
/// Redocly's OpenAPI validator and linter (<c>@redocly/openapi-core</c>, its "recommended" rules, which include the
/// structural validation of the specification), run with the machine's Node.js from <c>tests/Testing/openapi</c>:
/// an implementation that shares nothing with the framework writing the documents. <c>./test.sh</c> installs it.
/// </summary>
public static class OpenApiLint
{
    public sealed record Finding(string Severity, string Rule, string Message, string Pointer)
    {
        public override string ToString() => $"{Severity} {Rule} at {Pointer}: {Message}";
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<Finding>> LintAsync(string document)
    {
        var folder = Path.Combine(Repository.Root, "tests", "Testing", "openapi");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            throw new InvalidOperationException($"The OpenAPI linter is not installed: run 'npm ci' in {folder} (./test.sh does).");
        }

        using var node = Process.Start(new ProcessStartInfo("node", "lint.mjs")
        {
            WorkingDirectory = folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        await node.StandardInput.WriteAsync(document);
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"the linter failed: {await errors}");
        return JsonSerializer.Deserialize<List<Finding>>(await output, Json)!;
    }

    /// <summary>The document's errors (warnings are advice); fails with each named.</summary>
    public static async Task AssertNoErrorsAsync(HttpClient client, string documentPath = "/openapi/v1.json")
    {
        var findings = await LintAsync(await client.GetStringAsync(documentPath));
        var failing = findings.Where(f => f.Severity == "error").ToList();
        Assert.True(failing.Count == 0, $"{failing.Count} error(s):\n{string.Join('\n', failing)}");
    }
}
