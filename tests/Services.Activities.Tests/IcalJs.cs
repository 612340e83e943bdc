using System.Diagnostics;
using System.Text.Json;
using Community.Testing;

namespace Community.Services.Activities.Tests;

/// <summary>
/// Mozilla's ical.js (the parser behind Thunderbird's calendar), run with the machine's Node.js from
/// <c>ical/parse.mjs</c>: an implementation of RFC 5545 that shares nothing with the library writing the feeds.
/// <c>./test.sh</c> installs it (<c>npm ci</c>).
/// </summary>
public static class IcalJs
{
    public sealed record Event(string Uid, string? Summary, string? Status, int Sequence, DateTimeOffset StartUtc, DateTimeOffset EndUtc, string? StartZone);

    public sealed record Feed(IReadOnlyList<string> Zones, IReadOnlyList<Event> Events);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<Feed> ParseAsync(string ics)
    {
        var folder = Path.Combine(Repository.Root, "tests", "Services.Activities.Tests", "ical");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            throw new InvalidOperationException($"ical.js is not installed: run 'npm ci' in {folder} (./test.sh does).");
        }

        using var node = Process.Start(new ProcessStartInfo("node", "parse.mjs")
        {
            WorkingDirectory = folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        await node.StandardInput.WriteAsync(ics);
        node.StandardInput.Close();
        var output = await node.StandardOutput.ReadToEndAsync();
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"ical.js could not read the feed: {errors}");
        return JsonSerializer.Deserialize<Feed>(output, Json)!;
    }
}
