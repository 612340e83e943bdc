using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Community.ServiceDefaults.Auth;
using Community.Services.Grid.Data;
using Community.Services.Volunteers.Data;
using Community.Services.Volunteers.Registry;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Messaging.Tests.Faults;

/// <summary>
/// The servers crash, not stop: killed with SIGKILL (the server and every worker under it) in the middle of a stream of
/// volunteer registrations, and started again. The client keeps a ledger of every write the service acknowledged;
/// afterwards the databases are compared with it — nothing acknowledged is lost, nothing is half-written, and every
/// event is applied once. One class per server, so the two crash at the same time in a run.
/// </summary>
public sealed class BrokerCrashTests
{
    [Fact]
    public async Task RabbitMQ_killed_mid_stream_and_back_ten_seconds_later_every_acknowledged_registration_reaches_grid_once()
    {
        var postgres = (await SharedInfrastructure.GetAsync()).Postgres;
        await using var rabbit = await RabbitMqNode.StartAsync();
        await using var flow = await VolunteerFlow.StartAsync(postgres, rabbit.ConnectionString);
        await using var stream = new RegistrationStream(flow);

        await stream.UntilAcknowledgedAsync(20);
        rabbit.Kill();
        var atCrash = stream.Acknowledged.Count;
        await Task.Delay(TimeSpan.FromSeconds(10));
        // Writes go on while the broker is dead: each commits with its event in the outbox.
        Assert.True(stream.Acknowledged.Count > atCrash, "registrations were acknowledged while the broker was down");
        await rabbit.StartAgainAsync();
        await stream.UntilAcknowledgedAsync(stream.Acknowledged.Count + 20);
        await stream.StopAsync();

        Assert.Empty(stream.Refused);
        var acknowledged = stream.Acknowledged.ToHashSet();
        await Eventually.True(async () => (await CrashLedger.GridCountsAsync(flow, acknowledged)).Known == acknowledged.Count,
            TimeSpan.FromSeconds(120), "Grid to know every acknowledged volunteer");
        await CrashLedger.AppliedOnceAsync(flow, acknowledged);
    }
}
