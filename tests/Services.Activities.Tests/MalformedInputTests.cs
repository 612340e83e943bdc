using Community.Testing;
using Xunit.Abstractions;
using Community.Services.Activities.Data;

namespace Community.Services.Activities.Tests;

/// <summary>Every operation in the service's OpenAPI document, sent malformed input: a 4xx each time, never a 5xx or no answer.</summary>
public sealed class MalformedInputTests(ServiceFixture<ActivitiesDbContext> fixture, ITestOutputHelper output) : IClassFixture<ServiceFixture<ActivitiesDbContext>>
{
    [Fact]
    public async Task No_documented_operation_answers_malformed_input_with_a_server_error_or_silence()
    {
        var client = fixture.Host.ClientAs(EveryRole.Roles);

        var report = await MalformedInput.SendAllAsync(client);

        output.WriteLine(report.ToString());
        Assert.True(report.Operations > 5, report.ToString());
        Assert.True(report.Failures.Count == 0, report.ToString());
    }
}
