using Community.Testing;
using Xunit.Abstractions;
using Community.Services.Volunteers.Data;

namespace Community.Services.Volunteers.Tests;

/// <summary>
/// Every operation in the service's OpenAPI document, sent malformed input and called without a token: a 4xx each
/// time that the document declares, never a 5xx or no answer; and the document passes an independent validator.
/// </summary>
public sealed class MalformedInputTests(ServiceFixture<VolunteersDbContext> fixture, ITestOutputHelper output) : IClassFixture<ServiceFixture<VolunteersDbContext>>
{
    [Fact]
    public async Task No_documented_operation_answers_malformed_input_with_a_server_error_or_silence()
    {
        var client = fixture.Host.ClientAs(EveryRole.Roles);

        var report = await MalformedInput.SendAllAsync(client, anonymous: fixture.Host.CreateClient());

        output.WriteLine(report.ToString());
        Assert.True(report.Operations > 5, report.ToString());
        Assert.True(report.Failures.Count == 0, report.ToString());
    }

    [Fact]
    public async Task The_OpenAPI_document_passes_an_independent_validator_and_linter_without_errors() =>
        await OpenApiLint.AssertNoErrorsAsync(fixture.Host.CreateClient());
}
