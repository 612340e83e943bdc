using System.Collections.Concurrent;
using Community.ServiceDefaults.Auth;
using Community.Services.Activities.Data;
using Community.Services.Activities.Registrations;
using Community.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Services.Activities.Tests;

/// <summary>Check-in codes drawn from a script: the first two registrations draw the same code.</summary>
public sealed class CollidingCodesFixture : ServiceFixture<ActivitiesDbContext>
{
    public ScriptedCodes Codes { get; } = new("KKKKKK", "KKKKKK", "MMMMMM");

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<CheckInCodes>(Codes);

    public sealed class ScriptedCodes(params string[] script) : CheckInCodes
    {
        private readonly ConcurrentQueue<string> _script = new(script);

        public override string New() => _script.TryDequeue(out var code) ? code : base.New();
    }
}

public sealed class CheckInCodeTests(CollidingCodesFixture fixture) : IClassFixture<CollidingCodesFixture>
{
    [Fact]
    public async Task Two_registrations_drawing_the_same_check_in_code_are_both_taken_the_second_with_a_new_draw()
    {
        var scenario = new ActivitiesScenario(fixture.Host);
        var sessionId = (await scenario.SeriesAsync(capacity: 5)).Sessions[0].Id;

        var first = await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), sessionId, "甲");
        var second = await ActivitiesScenario.RegisterAsync(fixture.Host.ClientAs(Roles.Resident), sessionId, "乙");

        Assert.Equal("KKKKKK", first.CheckInCode);
        Assert.Equal("MMMMMM", second.CheckInCode);
        Assert.Equal(RegistrationStatus.Confirmed, second.Status);
    }
}
