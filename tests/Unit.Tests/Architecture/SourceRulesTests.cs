using System.Text.RegularExpressions;

namespace Community.Unit.Tests.Architecture;

/// <summary>
/// The shape every service keeps, so the next one copies a good pattern: endpoint classes map HTTP and never
/// lean on each other, roles are named once as policies, and a service's Program.cs only says what it is.
/// </summary>
public sealed partial class SourceRulesTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Community.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Community.sln not found above the test's folder.");
    }

    private static IEnumerable<string> SourceFiles(string pattern = "*.cs") =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Relative(string path) => Path.GetRelativePath(Root, path);

    [GeneratedRegex(@"\bclass\s+(\w+Api)\b")]
    private static partial Regex ApiClass();

    [GeneratedRegex(@"\bRequireRole\s*\(")]
    private static partial Regex RequireRole();

    [Fact]
    public void The_sources_are_found()
    {
        Assert.Contains(SourceFiles(), f => f.EndsWith("Policies.cs", StringComparison.Ordinal));
        Assert.True(SourceFiles("*Api.cs").Count() > 20, "expected the services' endpoint files under src/");
    }

    [Fact]
    public void No_endpoint_class_uses_another_endpoint_class()
    {
        var apiFiles = SourceFiles("*Api.cs").ToList();
        var apiTypes = apiFiles
            .SelectMany(f => ApiClass().Matches(File.ReadAllText(f)).Select(m => (Type: m.Groups[1].Value, File: f)))
            .ToList();

        var offences = (
            from file in apiFiles
            let text = File.ReadAllText(file)
            from api in apiTypes
            where api.File != file && Regex.IsMatch(text, $@"\b{api.Type}\b")
            select $"{Relative(file)} uses {api.Type}").ToList();

        Assert.True(offences.Count == 0, "Endpoint classes map HTTP; move shared operations into a named type beside the domain:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Roles_are_named_once_as_policies()
    {
        var policies = Path.Combine(Root, "src", "ServiceDefaults", "Auth", "Policies.cs");
        var offences = SourceFiles()
            .Where(f => f != policies && RequireRole().IsMatch(File.ReadAllText(f)))
            .Select(Relative)
            .ToList();

        Assert.True(offences.Count == 0, "Use .RequireAuthorization(Policies.X) instead of a RequireRole lambda:\n" + string.Join("\n", offences));
    }

    [Fact]
    public void Every_service_program_only_says_what_the_service_is()
    {
        var programs = SourceFiles("Program.cs").ToList();
        Assert.NotEmpty(programs);
        var tooLong = programs
            .Select(f => (File: Relative(f), Lines: File.ReadAllLines(f).Length))
            .Where(p => p.Lines >= 20)
            .Select(p => $"{p.File}: {p.Lines} lines")
            .ToList();

        Assert.True(tooLong.Count == 0, "Program.cs reads: defaults, this service, map, run (wiring goes in the service's module):\n" + string.Join("\n", tooLong));
    }
}
